CREATE TABLE "ask_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ask_id" uuid NOT NULL,
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
CREATE TABLE "ask_photos" (
	"photo_id" uuid PRIMARY KEY NOT NULL,
	"ask_id" uuid NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ask_voice_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"ask_id" uuid,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_id" uuid NOT NULL,
	"courtyard_id" uuid NOT NULL,
	"courtyard_path" text NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"case_id" uuid,
	"head_unread" boolean DEFAULT true NOT NULL,
	"resident_unread" boolean DEFAULT false NOT NULL,
	"settled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ask_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"courtyard_path" text NOT NULL,
	"mediator_id" uuid NOT NULL,
	"parties" text NOT NULL,
	"agreement" text NOT NULL,
	"follow_up_on" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ask_events" ADD CONSTRAINT "ask_events_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_events" ADD CONSTRAINT "ask_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_photos" ADD CONSTRAINT "ask_photos_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_photos" ADD CONSTRAINT "ask_photos_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_voice_notes" ADD CONSTRAINT "ask_voice_notes_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ask_voice_notes" ADD CONSTRAINT "ask_voice_notes_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_town_id_org_units_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_courtyard_id_org_units_id_fk" FOREIGN KEY ("courtyard_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ask_events_ask_seq" ON "ask_events" USING btree ("ask_id","seq");--> statement-breakpoint
CREATE INDEX "ask_photos_ask" ON "ask_photos" USING btree ("ask_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ask_voice_notes_ask" ON "ask_voice_notes" USING btree ("ask_id");--> statement-breakpoint
CREATE INDEX "asks_courtyard" ON "asks" USING btree ("courtyard_id","asked_at");--> statement-breakpoint
CREATE INDEX "asks_resident" ON "asks" USING btree ("resident_id","asked_at");--> statement-breakpoint
CREATE INDEX "asks_town_settled" ON "asks" USING btree ("town_id","settled_at");--> statement-breakpoint
CREATE INDEX "mediations_ask" ON "mediations" USING btree ("ask_id");--> statement-breakpoint
CREATE INDEX "mediations_follow_up_due" ON "mediations" USING btree ("follow_up_on") WHERE "mediations"."reminded_at" is null and "mediations"."follow_up_on" is not null;