/* yousu — the one list of what names, locates or reaches a person: what
 * never leaves the county. */
#ifndef YOUSU_PERSONAL_H
#define YOUSU_PERSONAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

/* The keys (of a complaint's state, an event's data, a 12345 form) that
 * name, locate or reach a person — the complainant or caller, their
 * organisation's contact, the work order's contact, the duty leader — or
 * may: notes written about the caller, and who a result was sent to.
 * NULL-terminated. */
extern const char *const yousu_personal_keys[];

/* yousu_personal_key tells whether key is one of yousu_personal_keys;
 * with_text, also one of the free texts about the matter (content,
 * summary, the 12345 form's opinions), which a statistics report never
 * carries either. */
bool yousu_personal_key(const char *key, bool with_text);

/* yousu_personal_find returns the first key of v (an object or array,
 * searched to 8 levels) that yousu_personal_key refuses, or NULL. */
const char *yousu_personal_find(const cJSON *v, bool with_text);

/* yousu_personal_strip removes those keys from object o (its top level:
 * an event's data, a form's record). */
void yousu_personal_strip(cJSON *o, bool with_text);

#endif
