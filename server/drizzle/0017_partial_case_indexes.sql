DROP INDEX "cases_town_closed";--> statement-breakpoint
DROP INDEX "cases_town_accepted";--> statement-breakpoint
DROP INDEX "cases_lead_post";--> statement-breakpoint
CREATE INDEX "cases_town_closed" ON "cases" USING btree ("town_id","closed_at") WHERE "cases"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_town_accepted" ON "cases" USING btree ("town_id","accepted_at") WHERE "cases"."accepted_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_lead_post" ON "cases" USING btree ("lead_post_id","status") WHERE "cases"."lead_post_id" is not null;