CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"place" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"worker_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"facility_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"joined" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_town_id_org_units_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_reports" ADD CONSTRAINT "facility_reports_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_reports" ADD CONSTRAINT "facility_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_reports" ADD CONSTRAINT "facility_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_code" ON "facilities" USING btree ("code");--> statement-breakpoint
CREATE INDEX "facilities_unit_path" ON "facilities" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "facility_reports_facility" ON "facility_reports" USING btree ("facility_id","at");--> statement-breakpoint
CREATE INDEX "facility_reports_case" ON "facility_reports" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "facility_reports_reporter" ON "facility_reports" USING btree ("reporter_id","at");