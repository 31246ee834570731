// A PostgreSQL snapshot and its SQL, both written by the real drizzle-kit 0.31.11 from one schema
// (ids made fixed), where PostgreSQL keeps something other than what the snapshot spells: names
// over 63 bytes (one cut inside a two-byte character), a custom type 'text COLLATE "C"', jsonb
// defaults (a string and an object), index keys whose expression carries DESC, COLLATE or an
// operator class, and a default operator class (text_ops). The SQL's jsonb string default is
// corrected as PostgreSQL demands: drizzle-kit writes DEFAULT 'none', which is not JSON.
// The gin index needs the pg_trgm extension.
#pragma once

namespace miglint::test {

inline constexpr const char* kPrecisionSnapshot =
    R"json({"id":"00000000-0000-4000-8000-000000000001","prevId":"00000000-0000-0000-0000-000000000000","versio)json"
    R"json(n":"7","dialect":"postgresql","tables":{"public.events":{"name":"events","schema":"","columns":{"id")json"
    R"json(:{"name":"id","type":"text COLLATE \"C\"","primaryKey":true,"notNull":true},"owner_id_of_the_account)json"
    R"json(_that_owns_this_event_row":{"name":"owner_id_of_the_account_that_owns_this_event_row","type":"uuid",)json"
    R"json("primaryKey":false,"notNull":false},"created_at":{"name":"created_at","type":"timestamp","primaryKey)json"
    R"json(":false,"notNull":true},"name":{"name":"name","type":"text","primaryKey":false,"notNull":false},"lab)json"
    R"json(el_of_the_event_shown_to_people_in_the_activity_list_café_é":{"name":"label_of_the_event_shown_to_pe)json"
    R"json(ople_in_the_activity_list_café_é","type":"text","primaryKey":false,"notNull":false},"kind":{"name":")json"
    R"json(kind","type":"jsonb","primaryKey":false,"notNull":false,"default":"'none'"},"meta":{"name":"meta","t)json"
    R"json(ype":"jsonb","primaryKey":false,"notNull":false,"default":"'{\"z\":1,\"a\":[2,3]}'::jsonb"}},"indexe)json"
    R"json(s":{"events_created_idx":{"name":"events_created_idx","columns":[{"expression":"\"created_at\" DESC")json"
    R"json(,"asc":true,"isExpression":true,"nulls":"last"},{"expression":"\"id\" COLLATE \"C\"","asc":true,"isE)json"
    R"json(xpression":true,"nulls":"last"}],"isUnique":false,"concurrently":false,"method":"btree","with":{}},")json"
    R"json(events_name_trgm":{"name":"events_name_trgm","columns":[{"expression":"\"name\" gin_trgm_ops","asc":)json"
    R"json(true,"isExpression":true,"nulls":"last"}],"isUnique":false,"concurrently":false,"method":"gin","with)json"
    R"json(":{}},"events_name_ops":{"name":"events_name_ops","columns":[{"expression":"name","isExpression":fal)json"
    R"json(se,"asc":true,"nulls":"last","opclass":"text_ops"},{"expression":"created_at","isExpression":false,")json"
    R"json(asc":false,"nulls":"last"}],"isUnique":false,"concurrently":false,"method":"btree","with":{}}},"fore)json"
    R"json(ignKeys":{"events_owner_id_of_the_account_that_owns_this_event_row_account_owners_with_a_rather_long)json"
    R"json(_descriptive_name_kept_for_these_tests_id_fk":{"name":"events_owner_id_of_the_account_that_owns_this)json"
    R"json(_event_row_account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests_id_fk","tableFrom)json"
    R"json(":"events","tableTo":"account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests","colu)json"
    R"json(mnsFrom":["owner_id_of_the_account_that_owns_this_event_row"],"columnsTo":["id"],"onDelete":"no acti)json"
    R"json(on","onUpdate":"no action"}},"compositePrimaryKeys":{},"uniqueConstraints":{"events_label_of_the_eve)json"
    R"json(nt_shown_to_people_in_the_activity_list_café_é_unique":{"name":"events_label_of_the_event_shown_to_p)json"
    R"json(eople_in_the_activity_list_café_é_unique","nullsNotDistinct":false,"columns":["label_of_the_event_sh)json"
    R"json(own_to_people_in_the_activity_list_café_é"]}},"policies":{},"checkConstraints":{},"isRLSEnabled":fal)json"
    R"json(se},"public.account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests":{"name":"accoun)json"
    R"json(t_owners_with_a_rather_long_descriptive_name_kept_for_these_tests","schema":"","columns":{"id":{"nam)json"
    R"json(e":"id","type":"uuid","primaryKey":true,"notNull":true},"reference_identifier_for_the_owner_with_a_v)json"
    R"json(ery_long_descriptive_name":{"name":"reference_identifier_for_the_owner_with_a_very_long_descriptive_)json"
    R"json(name","type":"text","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePri)json"
    R"json(maryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enum)json"
    R"json(s":{},"schemas":{},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas)json"
    R"json(":{},"tables":{}}})json";

inline constexpr const char* kPrecisionSql = R"sql(CREATE TABLE "events" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"owner_id_of_the_account_that_owns_this_event_row" uuid,
	"created_at" timestamp NOT NULL,
	"name" text,
	"label_of_the_event_shown_to_people_in_the_activity_list_café_é" text,
	"kind" jsonb DEFAULT '"none"'::jsonb,
	"meta" jsonb DEFAULT '{"z":1,"a":[2,3]}'::jsonb,
	CONSTRAINT "events_label_of_the_event_shown_to_people_in_the_activity_list_café_é_unique" UNIQUE("label_of_the_event_shown_to_people_in_the_activity_list_café_é")
);
--> statement-breakpoint
CREATE TABLE "account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference_identifier_for_the_owner_with_a_very_long_descriptive_name" text
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_owner_id_of_the_account_that_owns_this_event_row_account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests_id_fk" FOREIGN KEY ("owner_id_of_the_account_that_owns_this_event_row") REFERENCES "public"."account_owners_with_a_rather_long_descriptive_name_kept_for_these_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at" DESC,"id" COLLATE "C");--> statement-breakpoint
CREATE INDEX "events_name_trgm" ON "events" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "events_name_ops" ON "events" USING btree ("name" text_ops,"created_at" DESC NULLS LAST);)sql";

}  // namespace miglint::test
