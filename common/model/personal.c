/* The one list of personal data. */
#include <string.h>

#include "yousu/personal.h"

const char *const yousu_personal_keys[] = {"name", "caller", "phone", "address",
    "org_contact", "order_contact", "order_phone", "id_card", "duty_leader",
    /* free text written about the caller (联系情况, 回访情况, 反馈情况,
     * remarks) and the evaluation's recipients with the duty leader */
    "note", "contact_note", "visit_note", "callback_note", "evaluation_sent_to",
    /* what a visit round's talk with the complainant brought (revisit) */
    "opinion", NULL};

/* Free text about the matter: it goes with an escalation (the city
 * handles the matter), never into a statistics report. */
static const char *const text_keys[] = {"content", "summary",
    "dispatch_opinion", "handling_opinion", "leader_instruction", NULL};

static bool
listed(const char *const *list, const char *key)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, key) == 0)
			return true;
	return false;
}

bool
yousu_personal_key(const char *key, bool with_text)
{
	return key != NULL && (listed(yousu_personal_keys, key) ||
	                          (with_text && listed(text_keys, key)));
}

static const char *
find(const cJSON *v, bool with_text, int depth)
{
	const cJSON *c;
	const char *k;

	if (depth > 8)
		return "(nested too deep)";
	cJSON_ArrayForEach (c, v) {
		if (yousu_personal_key(c->string, with_text))
			return c->string;
		if ((cJSON_IsObject(c) || cJSON_IsArray(c)) &&
		    (k = find(c, with_text, depth + 1)) != NULL)
			return k;
	}
	return NULL;
}

const char *
yousu_personal_find(const cJSON *v, bool with_text)
{
	return find(v, with_text, 0);
}

void
yousu_personal_strip(cJSON *o, bool with_text)
{
	cJSON *c = o ? o->child : NULL, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (yousu_personal_key(c->string, with_text))
			cJSON_Delete(cJSON_DetachItemViaPointer(o, c));
	}
}
