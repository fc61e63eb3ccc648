CREATE TABLE "calendar_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"actor_id" uuid,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"days" jsonb NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"visitor_id" uuid NOT NULL,
	"companions" text DEFAULT '' NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"findings" text NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supervision_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"note" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"level" text NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"placed_by" uuid NOT NULL,
	"required_outcome" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"outcome" text,
	"review_note" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "working_days" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_changes" ADD CONSTRAINT "calendar_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visits" ADD CONSTRAINT "field_visits_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visits" ADD CONSTRAINT "field_visits_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_events" ADD CONSTRAINT "supervision_events_supervision_id_supervisions_id_fk" FOREIGN KEY ("supervision_id") REFERENCES "public"."supervisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_events" ADD CONSTRAINT "supervision_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_changes_year" ON "calendar_changes" USING btree ("year","at");--> statement-breakpoint
CREATE INDEX "field_visits_town" ON "field_visits" USING btree ("town_id","visited_at");--> statement-breakpoint
CREATE INDEX "field_visits_unit_path" ON "field_visits" USING btree ("unit_path","visited_at");--> statement-breakpoint
CREATE INDEX "supervision_events_supervision" ON "supervision_events" USING btree ("supervision_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "supervisions_open_subject" ON "supervisions" USING btree ("subject_type","subject_id") WHERE "supervisions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "supervisions_town" ON "supervisions" USING btree ("town_id","status","due_at");--> statement-breakpoint
CREATE INDEX "supervisions_subject" ON "supervisions" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE INDEX "supervisions_clock" ON "supervisions" USING btree ("due_at") WHERE "supervisions"."status" = 'open';