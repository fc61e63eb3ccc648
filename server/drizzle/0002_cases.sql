CREATE TABLE "case_assignments" (
	"case_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"role" text NOT NULL,
	"check_in_due_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_missed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_assignments_case_id_post_id_pk" PRIMARY KEY("case_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"status" text NOT NULL,
	"urgency" text NOT NULL,
	"description" text NOT NULL,
	"source" text DEFAULT 'app' NOT NULL,
	"reporter_id" uuid NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"village_id" uuid,
	"grid_id" uuid,
	"courtyard_id" uuid,
	"lead_post_id" uuid,
	"lead_user_id" uuid,
	"whistled" boolean DEFAULT false NOT NULL,
	"stage" text,
	"stage_started_at" timestamp with time zone,
	"stage_due_at" timestamp with time zone,
	"overdue_level" integer DEFAULT 0 NOT NULL,
	"ever_overdue" boolean DEFAULT false NOT NULL,
	"reminded_stage" text,
	"paused_since" timestamp with time zone,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"ever_resolved" boolean DEFAULT false NOT NULL,
	"resolved_level" text,
	"rating" text,
	"rating_comment" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"sector" text NOT NULL,
	"post_id" uuid,
	"is_dispute" boolean DEFAULT false NOT NULL,
	"direct_to_facility_worker" boolean DEFAULT false NOT NULL,
	"limits" jsonb NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"town_id" uuid,
	"case_id" uuid,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"case_id" uuid,
	"event_id" uuid,
	"town_id" uuid,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"gps_lat" double precision,
	"gps_lng" double precision,
	"taken_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_town_id_org_units_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_post_id_posts_id_fk" FOREIGN KEY ("lead_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_town_id_org_units_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_parent_id_matters_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_event_id_case_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_assignments_post" ON "case_assignments" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_events_town_at" ON "case_events" USING btree ("town_id","at");--> statement-breakpoint
CREATE INDEX "cases_town_reported" ON "cases" USING btree ("town_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "cases_town_status" ON "cases" USING btree ("town_id","status","reported_at");--> statement-breakpoint
CREATE INDEX "cases_unit_path" ON "cases" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_reporter" ON "cases" USING btree ("reporter_id","reported_at");--> statement-breakpoint
CREATE INDEX "cases_lead_post" ON "cases" USING btree ("lead_post_id","status");--> statement-breakpoint
CREATE INDEX "cases_stage_due" ON "cases" USING btree ("stage_due_at") WHERE "cases"."stage_due_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "matters_town_code_live" ON "matters" USING btree ("town_id","code") WHERE "matters"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","read_at","created_at");--> statement-breakpoint
CREATE INDEX "photos_case" ON "photos" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "photos_uploader" ON "photos" USING btree ("uploaded_by","created_at");