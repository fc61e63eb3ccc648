ALTER TABLE "field_visits" ADD COLUMN "notes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "field_visit_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_field_visit_id_field_visits_id_fk" FOREIGN KEY ("field_visit_id") REFERENCES "public"."field_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_field_visit" ON "tasks" USING btree ("field_visit_id") WHERE "tasks"."field_visit_id" is not null;--> statement-breakpoint
-- Follow-ups were free text before they became tasks: the texts are kept as the visit's notes
-- (a row written as a JSON string rather than an array is unwrapped first).
UPDATE "field_visits" SET "notes" = CASE WHEN jsonb_typeof("follow_ups") = 'string' THEN ("follow_ups" #>> '{}')::jsonb ELSE "follow_ups" END WHERE "follow_ups" <> '[]'::jsonb;
