CREATE TABLE "task_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"town_id" uuid NOT NULL,
	"assignee_kind" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"assignee_name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"village_id" uuid,
	"grid_id" uuid,
	"sector_id" uuid,
	"post_id" uuid,
	"worker_id" uuid,
	"status" text DEFAULT 'assigned' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"evidence" jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"return_reason" text,
	"scores" jsonb,
	"score_comment" text,
	"percent" double precision,
	"scored_by" uuid,
	"scored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_photos" (
	"photo_id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"item" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"instructions" text NOT NULL,
	"items" jsonb NOT NULL,
	"assignees" jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"recurrence" text,
	"ends_at" timestamp with time zone,
	"issued_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_scored_by_users_id_fk" FOREIGN KEY ("scored_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_assignment_id_task_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."task_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_photos" ADD CONSTRAINT "task_photos_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_photos" ADD CONSTRAINT "task_photos_assignment_id_task_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."task_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_assignments_once" ON "task_assignments" USING btree ("task_id","assignee_kind","assignee_id","period_key");--> statement-breakpoint
CREATE INDEX "task_assignments_path" ON "task_assignments" USING btree ("unit_path" text_pattern_ops,"due_at");--> statement-breakpoint
CREATE INDEX "task_assignments_town_due" ON "task_assignments" USING btree ("town_id","due_at");--> statement-breakpoint
CREATE INDEX "task_assignments_worker" ON "task_assignments" USING btree ("worker_id","due_at");--> statement-breakpoint
CREATE INDEX "task_assignments_open_due" ON "task_assignments" USING btree ("due_at") WHERE "task_assignments"."status" in ('assigned', 'in_progress', 'returned') and "task_assignments"."overdue_at" is null;--> statement-breakpoint
CREATE INDEX "task_assignments_open_remind" ON "task_assignments" USING btree ("remind_at") WHERE "task_assignments"."status" in ('assigned', 'in_progress', 'returned') and "task_assignments"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "task_events_assignment" ON "task_events" USING btree ("assignment_id","at");--> statement-breakpoint
CREATE INDEX "task_photos_assignment" ON "task_photos" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "tasks_unit_path" ON "tasks" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "tasks_recurring" ON "tasks" USING btree ("recurrence") WHERE "tasks"."recurrence" is not null;