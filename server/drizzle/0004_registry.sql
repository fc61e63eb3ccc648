CREATE TABLE "courtyard_invites" (
	"courtyard_id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"code" text NOT NULL,
	"rotated_by" uuid,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_bindings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"household_id" uuid,
	"status" text NOT NULL,
	"via" text NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_links" (
	"household_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_links_household_id_user_id_pk" PRIMARY KEY("household_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry_reveals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" text NOT NULL,
	"id_number_enc" text,
	"id_number_hmac" text,
	"id_number_masked" text,
	"phone_enc" text,
	"phone_hmac" text,
	"phone_masked" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "courtyard_invites" ADD CONSTRAINT "courtyard_invites_courtyard_id_org_units_id_fk" FOREIGN KEY ("courtyard_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courtyard_invites" ADD CONSTRAINT "courtyard_invites_rotated_by_users_id_fk" FOREIGN KEY ("rotated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bindings" ADD CONSTRAINT "household_bindings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bindings" ADD CONSTRAINT "household_bindings_courtyard_id_org_units_id_fk" FOREIGN KEY ("courtyard_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bindings" ADD CONSTRAINT "household_bindings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bindings" ADD CONSTRAINT "household_bindings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_links" ADD CONSTRAINT "household_links_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_links" ADD CONSTRAINT "household_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_courtyard_id_org_units_id_fk" FOREIGN KEY ("courtyard_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_corrections" ADD CONSTRAINT "registry_corrections_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_corrections" ADD CONSTRAINT "registry_corrections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_corrections" ADD CONSTRAINT "registry_corrections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_reveals" ADD CONSTRAINT "registry_reveals_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_reveals" ADD CONSTRAINT "registry_reveals_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "courtyard_invites_code" ON "courtyard_invites" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "household_bindings_user_live" ON "household_bindings" USING btree ("user_id") WHERE "household_bindings"."status" in ('pending', 'bound');--> statement-breakpoint
CREATE INDEX "household_bindings_path" ON "household_bindings" USING btree ("unit_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "household_links_user" ON "household_links" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "households_courtyard_address" ON "households" USING btree ("courtyard_id","address");--> statement-breakpoint
CREATE INDEX "households_unit_path" ON "households" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "registry_corrections_path" ON "registry_corrections" USING btree ("unit_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "registry_imports_unit" ON "registry_imports" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "registry_reveals_path" ON "registry_reveals" USING btree ("unit_path" text_pattern_ops,"at");--> statement-breakpoint
CREATE INDEX "registry_reveals_town" ON "registry_reveals" USING btree ("town_id","at");--> statement-breakpoint
CREATE INDEX "residents_household" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number" ON "residents" USING btree ("id_number_hmac");--> statement-breakpoint
CREATE INDEX "residents_phone" ON "residents" USING btree ("phone_hmac");