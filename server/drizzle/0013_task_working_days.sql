ALTER TABLE "tasks" ADD COLUMN "working_days" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_in_working_days" integer;