pCREATE TABLE "t" ("id" serial PRIMARY KEY, "e" "mood" NOT NUL);--> statement-breakpoint
-- miglint-ignore add-column-volatile-default: backfilled by hand
ALTER TABLE "t" ADD COLUMN "u" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint*ALTER TYPE "mood" ADD VALUE 'meh';--> statement-breakpoint
DO $$ BEGIN
 ALTER TA_object THEN null;
END $$;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "i" ON "t" ("u");
COMMIT; BEGIN;
SELECT '--> statement-breakpoint', $tag$ nested $tag$, E'\'' /* open
