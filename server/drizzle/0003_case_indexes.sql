CREATE INDEX "cases_town_closed" ON "cases" USING btree ("town_id","closed_at");--> statement-breakpoint
CREATE INDEX "cases_town_accepted" ON "cases" USING btree ("town_id","accepted_at");