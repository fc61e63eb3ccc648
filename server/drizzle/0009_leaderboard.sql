CREATE TABLE "leaderboard_boards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leaderboard_boards" ADD CONSTRAINT "leaderboard_boards_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_boards" ADD CONSTRAINT "leaderboard_boards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_boards" ADD CONSTRAINT "leaderboard_boards_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leaderboard_boards_token" ON "leaderboard_boards" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "leaderboard_boards_village" ON "leaderboard_boards" USING btree ("village_id","created_at");--> statement-breakpoint
CREATE INDEX "point_entries_village" ON "point_entries" USING btree ("village_id","at");--> statement-breakpoint
CREATE INDEX "point_entries_courtyard" ON "point_entries" USING btree ("courtyard_id","at");