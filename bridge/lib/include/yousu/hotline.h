/* yousu — the 12345 hotline gateway's library side (001 附件1, 安阳市
 * 12345 政务服务热线交办单): the dispatch form (交办单) as a JSON file, its
 * validation and routing by area to a county hub and a township node, the
 * area table, the inbound spool (a bad file moved aside with its error,
 * never lost) and the outbound result files. No sockets: the city bridge
 * calls it.
 *
 * ## The dispatch form: "yousu.hotline.form.v1"
 *
 * One JSON object, UTF-8 (a byte-order mark is allowed), at most
 * YOUSU_HOTLINE_MAX_FORM bytes. Keys are English; a key that is not
 * below is refused by name (a typo must not silently drop data), and so
 * is a key given twice. "text" is a JSON string, trimmed of blanks; a
 * blank optional text counts as absent, a blank required one is refused.
 *
 *   key                   附件1        type and rule
 *   schema                -           optional; "yousu.hotline.form.v1"
 *   item_no               事项编号     required; 1-64 of A-Z a-z 0-9 - _ .,
 *                                     not starting with '.'; the unique
 *                                     key of the matter (names its files;
 *                                     the importer refuses it twice)
 *   source                工单来源     required; 12345热线, 12345, 热线, 电话,
 *                                     来电, hotline (intake source
 *                                     "hotline") or 网上, 网站, 网络, 微信,
 *                                     手机APP, online ("online")
 *   time_limit_days       办理时限     required; working days, 1-60
 *   phone                 联系电话     caller's number: digits, spaces and
 *                                     + - ( ), 5-20 digits; required
 *                                     unless anonymous
 *   signed_at             签收时间     required; "YYYY-MM-DD HH:MM[:SS]",
 *                                     local time, a real date and time
 *   accepted_at           受理时间     required; as signed_at, not before
 *                                     it (later than now is fine)
 *   caller                来电人       text, 200 bytes; required unless
 *                                     anonymous
 *   anonymous             是否匿名     true/false, default false. An
 *                                     anonymous form carries no caller
 *                                     and no phone (调度意见: 来电人信息
 *                                     保密), and no contact is owed
 *   area                  事项区域     required; {"county": C, "township":
 *                                     T} where C is a county's name,
 *                                     alias or hub code of the area table
 *                                     and T (optional: without it the
 *                                     matter is the county centre's) a
 *                                     township's name, alias or node code
 *                                     in that county; or one text such as
 *                                     "沈丘县槐店回族镇", "沈丘县 槐店",
 *                                     "槐店回族镇" (unique in the city) or
 *                                     "沈丘县"
 *   summary               内容摘要     required; text, 4000 bytes, lines
 *                                     allowed (the complaint's content)
 *   lead_unit             主办单位     required; text, 200 bytes
 *   co_units              协办单位     optional; list of texts (200 bytes
 *                                     each, 16 at most, no repeats)
 *   contact_within_hours  请于N小时内与来电人取得联系; 1-168; required
 *                                     unless anonymous (for an anonymous
 *                                     caller it is kept, not passed on)
 *   feedback_within_days  并于N个工作日内将办理情况反馈来电人; 1-60;
 *                                     required
 *   dispatch_opinion      调度意见     optional text, 4000 bytes
 *   handling_opinion      承办意见     optional text, 4000 bytes
 *   leader_instruction    领导批示     optional text, 4000 bytes
 *   dispatch_phone        联系电话     optional; the dispatching centre's
 *                         (表尾)       number, rules as phone
 *   reviewer              审核员       optional text, 200 bytes
 *   dispatcher            调度员       optional text, 200 bytes
 *   result                处理结果     refused when not blank: the result
 *                                     goes back in the outbound file
 *
 * Single-line texts hold no control characters; multi-line ones (summary
 * and the opinions) may hold newlines and tabs.
 *
 * ## The outbound files: yousu/hotline_out.h
 *
 * Outbound files are written under "<name>.tmp", synced, then renamed:
 * a reader takes only names ending in ".json". The inbound spool asks
 * the same of the hotline: write elsewhere (or under a name not ending
 * in ".json", or starting with '.') and rename into place. */
#ifndef YOUSU_HOTLINE_H
#define YOUSU_HOTLINE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"
#include "yousu/hotline_out.h"

#define YOUSU_HOTLINE_MAX_FORM    (64 * 1024) /* bytes of one form file */
#define YOUSU_HOTLINE_FORM_SCHEMA "yousu.hotline.form.v1"

typedef struct yousu_hotline_areas yousu_hotline_areas;
typedef struct yousu_hotline_form yousu_hotline_form;

/* Where a matter goes. Every pointer is borrowed from the object that
 * filled it (the area table, or the form) and lives as long as it. */
typedef struct yousu_hotline_route {
	const char *county;      /* the county hub's code, e.g. "SQ" */
	const char *county_name; /* e.g. "沈丘县" */
	const char *township;    /* the township node's code, e.g. "HD";
	                          * NULL when the matter is the county's */
	const char *township_name; /* e.g. "槐店回族镇"; NULL with township */
} yousu_hotline_route;

/* --- the area table -------------------------------------------------- */

/* yousu_hotline_areas_load reads the area table (README "12345 hotline
 * gateway"): one [county NAME] section per county with its hub `code`
 * (2-16 of A-Z 0-9, required) and `alias` lists, and one [area NAME]
 * section per township with `county` (a county code of the file,
 * required), `township` (its node code, required) and `alias` lists
 * (separated by "," "，" or "、"; the key may repeat). *out is owned by
 * the caller (yousu_hotline_areas_free). YOUSU_CONFIG with "file:line:
 * message" in err for a bad line: an unknown key or section, a bad code
 * or name, a key given twice, a section without its required keys or
 * without keys at all, a county code no [county] declares, a code used
 * twice, a name or alias given twice in one county (or, for counties, in
 * the file), no county at all; YOUSU_NOMEM when memory runs out. */
yousu_err yousu_hotline_areas_load(
    const char *path, yousu_hotline_areas **out, char *err, size_t errlen);

/* yousu_hotline_areas_free releases a; NULL is allowed. */
void yousu_hotline_areas_free(yousu_hotline_areas *a);

/* yousu_hotline_areas_find resolves county (a county's name, alias or
 * code) and township (a township's name, alias or code in that county;
 * NULL or "" for the county itself) into *out, whose strings are
 * borrowed from a. YOUSU_NOTFOUND, *out untouched, with a message naming
 * the unknown one and the choices. */
yousu_err yousu_hotline_areas_find(const yousu_hotline_areas *a,
    const char *county, const char *township, yousu_hotline_route *out,
    char *err, size_t errlen);

/* yousu_hotline_areas_json returns the table as a JSON array of counties
 * in file order: {"code", "name", "aliases", "townships": [{"code",
 * "name", "aliases"}]}. Owned by the caller (cJSON_Delete). */
cJSON *yousu_hotline_areas_json(const yousu_hotline_areas *a);

/* --- the dispatch form ----------------------------------------------- */

/* yousu_hotline_parse validates the dispatch form text[0..len) (the
 * schema above; text need not end in NUL) against the area table areas
 * (not NULL; borrowed: the form keeps copies of what it needs). On success *out
 * is the form, owned by the caller (yousu_hotline_form_free). On failure *out
 * is untouched and err holds one line per bad field, each naming the field and
 * the problem ("accepted_at (受理时间): 2026-02-30 10:00 is not a real date
 * (2026-02 has 28 days)"), at most 16 lines: YOUSU_INVAL for a bad form (bad
 * JSON, with its line and column; not UTF-8; empty; a missing, unknown,
 * repeated or bad field; an unknown area), YOUSU_LIMIT when len exceeds
 * YOUSU_HOTLINE_MAX_FORM, YOUSU_NOMEM. */
yousu_err yousu_hotline_parse(const char *text, size_t len,
    const yousu_hotline_areas *areas, yousu_hotline_form **out, char *err,
    size_t errlen);

/* yousu_hotline_parse_file reads the regular file path (not a link, not
 * larger than YOUSU_HOTLINE_MAX_FORM) and parses it as
 * yousu_hotline_parse does. YOUSU_IO with "path: message" when it cannot
 * be read, YOUSU_LIMIT when too large; otherwise as above. */
yousu_err yousu_hotline_parse_file(const char *path,
    const yousu_hotline_areas *areas, yousu_hotline_form **out, char *err,
    size_t errlen);

/* yousu_hotline_form_free releases f; NULL is allowed. */
void yousu_hotline_form_free(yousu_hotline_form *f);

/* yousu_hotline_form_item_no returns the form's 事项编号 (borrowed). */
const char *yousu_hotline_form_item_no(const yousu_hotline_form *f);

/* yousu_hotline_form_route fills *out with where the form goes: the
 * county hub and the township node resolved from the area table; the
 * strings are borrowed from f. */
void yousu_hotline_form_route(
    const yousu_hotline_form *f, yousu_hotline_route *out);

/* yousu_hotline_form_intake returns the arguments of the workflow's
 * `intake` for the form (borrowed from f; duplicate it to keep it):
 * source ("hotline" or "online"), content (the summary), hotline_no
 * (item_no), anonymous, and unless anonymous name (the caller), phone and
 * contact_within_hours; order_contact and order_phone (工作单联系人: the
 * dispatcher and the dispatching centre's number) when given. Only the
 * centre that handles the matter may receive them (来电人信息保密). */
const cJSON *yousu_hotline_form_intake(const yousu_hotline_form *f);

/* yousu_hotline_form_json returns the form as checked: every field
 * given, normalised (texts trimmed, "area" as {"county", "township"}
 * names), plus "source_code" and "route" ({"county", "township"} codes,
 * township null for the county). With personal false it leaves out the
 * caller, phone and every free text (summary and opinions), for a record
 * kept where personal data must not go (the city store). Owned by the
 * caller (cJSON_Delete). */
cJSON *yousu_hotline_form_json(const yousu_hotline_form *f, bool personal);

/* --- the inbound spool ----------------------------------------------- */

/* yousu_hotline_spool_scan lists the forms waiting in dir: the names of
 * its regular files ending in ".json", not starting with '.' and of at
 * most 240 bytes (longer names are left alone), in byte order, at most max of
 * them (the first). *names is a NULL-terminated array of *n names, owned by the
 * caller (yousu_hotline_names_free), and both are written only on success.
 * YOUSU_IO with a message when dir cannot be read, YOUSU_INVAL when max is 0,
 * YOUSU_NOMEM. */
yousu_err yousu_hotline_spool_scan(const char *dir, size_t max, char ***names,
    size_t *n, char *err, size_t errlen);

/* yousu_hotline_names_free releases a list from yousu_hotline_spool_scan;
 * NULL is allowed. */
void yousu_hotline_names_free(char **names);

/* yousu_hotline_spool_reject moves dir/file into dir/rejected/ (made,
 * mode 0700, when missing) beside "<file>.error" holding error and a
 * newline. The error file is written under a temporary name, synced and
 * renamed first, then the form is renamed: a crash leaves the form in
 * dir (to be rejected again) or in rejected/ with its error, never lost
 * and never half-moved. A name already in rejected/ is never replaced:
 * the form then becomes "<stem>~N.json" (and its error
 * "<stem>~N.json.error"). file is a plain name (no '/'); error may point
 * into err (it is copied first). YOUSU_INVAL for a bad name, YOUSU_IO
 * with a message when a step fails (the form stays where it was),
 * YOUSU_NOMEM. */
yousu_err yousu_hotline_spool_reject(const char *dir, const char *file,
    const char *error, char *err, size_t errlen);

/* yousu_hotline_spool_rejected lists the forms in dir/rejected/ (none
 * when it does not exist yet) as a new JSON array, in name order: {file,
 * error (the first 2000 bytes of its .error), at (when it was refused,
 * unix seconds)}. YOUSU_IO with a message when the folder exists but
 * cannot be read (so that "none" is never said for "could not look"),
 * YOUSU_NOMEM. */
yousu_err yousu_hotline_spool_rejected(
    const char *dir, cJSON **out, char *err, size_t errlen);

/* yousu_hotline_spool_done moves dir/file, once imported, into dir/done/
 * (made, mode 0700, when missing), never replacing a file there (as
 * yousu_hotline_spool_reject does), and syncs both folders. Errors as
 * yousu_hotline_spool_reject. */
yousu_err yousu_hotline_spool_done(
    const char *dir, const char *file, char *err, size_t errlen);

/* --- the outbound files ---------------------------------------------- */

/* yousu_hotline_result_write writes outbound object v (a result or a
 * handover, told by its "schema") into folder outdir as
 * result-<item_no>.json or handover-<complaint_id>.json (mode 0640):
 * written to "<name>.tmp", synced, renamed over any older file of that
 * name, and the folder synced, so a reader sees the old file or the new one,
 * whole. On success the file's name (without the folder) is copied into
 * name when name is not NULL (namelen bytes; 128 are enough). YOUSU_INVAL
 * for an unknown schema or a missing or unsafe key; YOUSU_IO with a
 * message when writing fails (no .tmp is left behind); v is borrowed. */
yousu_err yousu_hotline_result_write(const char *outdir, const cJSON *v,
    char *name, size_t namelen, char *err, size_t errlen);

#endif
