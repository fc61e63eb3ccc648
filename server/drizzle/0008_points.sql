CREATE TABLE "point_balances" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_balances_balance_nonnegative" CHECK ("point_balances"."balance" >= 0),
	CONSTRAINT "point_balances_held_nonnegative" CHECK ("point_balances"."held" >= 0),
	CONSTRAINT "point_balances_held_covered" CHECK ("point_balances"."held" <= "point_balances"."balance")
);
--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"rule_id" uuid,
	"action_code" text,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"actor_id" uuid,
	"reverses_entry_id" uuid,
	"reason" text,
	"photo_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"action_code" text NOT NULL,
	"name" text NOT NULL,
	"points" integer NOT NULL,
	"awarders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" text DEFAULT 'none' NOT NULL,
	"cap_per_day" integer,
	"cap_per_month" integer,
	"automatic" boolean DEFAULT false NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"price" integer NOT NULL,
	"stock" integer NOT NULL,
	"photo_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_items_stock_nonnegative" CHECK ("store_items"."stock" >= 0),
	CONSTRAINT "store_items_price_positive" CHECK ("store_items"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "store_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"household_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "point_balances" ADD CONSTRAINT "point_balances_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_rule_id_point_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."point_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_reverses_entry_id_point_entries_id_fk" FOREIGN KEY ("reverses_entry_id") REFERENCES "public"."point_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_items" ADD CONSTRAINT "store_items_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_items" ADD CONSTRAINT "store_items_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_items" ADD CONSTRAINT "store_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_redemptions" ADD CONSTRAINT "store_redemptions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_redemptions" ADD CONSTRAINT "store_redemptions_item_id_store_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."store_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_redemptions" ADD CONSTRAINT "store_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_redemptions" ADD CONSTRAINT "store_redemptions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_rule_source" ON "point_entries" USING btree ("rule_id","source_type","source_id") WHERE "point_entries"."rule_id" is not null and "point_entries"."reverses_entry_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_source_once" ON "point_entries" USING btree ("source_type","source_id") WHERE "point_entries"."rule_id" is null and "point_entries"."reverses_entry_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_reverses" ON "point_entries" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "point_entries_household" ON "point_entries" USING btree ("household_id","at");--> statement-breakpoint
CREATE INDEX "point_entries_town" ON "point_entries" USING btree ("town_id","at");--> statement-breakpoint
CREATE INDEX "point_rules_unit_action" ON "point_rules" USING btree ("unit_id","action_code","valid_from");--> statement-breakpoint
CREATE INDEX "store_items_village" ON "store_items" USING btree ("village_id","active");--> statement-breakpoint
CREATE INDEX "store_redemptions_village" ON "store_redemptions" USING btree ("village_id","status","created_at");--> statement-breakpoint
CREATE INDEX "store_redemptions_household" ON "store_redemptions" USING btree ("household_id","created_at");