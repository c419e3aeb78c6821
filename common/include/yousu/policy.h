/* yousu — a jurisdiction's policy profile: time limits, escalation,
 * extension cap, accepted categories and refusal grounds. */
#ifndef YOUSU_POLICY_H
#define YOUSU_POLICY_H

#include <stddef.h>

#include "yousu/err.h"

typedef struct yousu_policy yousu_policy;

/* What a complaint is, as far as its time limit goes. */
typedef struct yousu_policy_case {
	const char *klass;  /* "A", "B", "C" or NULL */
	const char *nature; /* general, cannot, hard, refused, or NULL */
	int level;          /* response level 1..3, or 0 */
	int departments;    /* number of departments assigned */
} yousu_policy_case;

/* yousu_policy_load reads a profile INI file (keys in the README). On
 * success *out is a new profile owned by the caller. On failure returns
 * YOUSU_CONFIG with "file:line: message" in err. */
yousu_err yousu_policy_load(
    const char *path, yousu_policy **out, char *err, size_t errlen);

/* yousu_policy_free releases p; NULL is allowed. */
void yousu_policy_free(yousu_policy *p);

/* yousu_policy_name returns the profile's short name. */
const char *yousu_policy_name(const yousu_policy *p);

/* yousu_policy_title returns the centre/form title (e.g. for the work
 * order heading). */
const char *yousu_policy_title(const yousu_policy *p);

/* yousu_policy_limit returns the reply time limit in working days for c:
 * the largest of the limits that match (class, nature, level, several
 * departments), or the default when none matches. */
int yousu_policy_limit(const yousu_policy *p, const yousu_policy_case *c);

/* yousu_policy_reminder_days: remind this many working days before due. */
int yousu_policy_reminder_days(const yousu_policy *p);

/* yousu_policy_notice_days: notify this many working days after a
 * supervision that got no reply. */
int yousu_policy_notice_days(const yousu_policy *p);

/* yousu_policy_notice_cc / _report_to: who a notice is copied and
 * reported to (e.g. the discipline commission, the government). */
const char *yousu_policy_notice_cc(const yousu_policy *p);
const char *yousu_policy_notice_report_to(const yousu_policy *p);

/* yousu_policy_seq_digits: digits of the daily sequence in complaint
 * ids (3 as in the Neixiang form: 2021081203); more are used past it. */
int yousu_policy_seq_digits(const yousu_policy *p);

/* yousu_policy_extension_max: total working days an extension may add
 * to one complaint (0: extensions not allowed). */
int yousu_policy_extension_max(const yousu_policy *p);

/* yousu_policy_extension_approver: the role that must approve one. */
const char *yousu_policy_extension_approver(const yousu_policy *p);

/* yousu_policy_category returns the label of category code, or NULL if
 * the profile does not accept it. */
const char *yousu_policy_category(const yousu_policy *p, const char *code);

/* yousu_policy_refusal returns the label of refusal ground code and sets
 * *channel to the channel to use instead; NULL if unknown. */
const char *yousu_policy_refusal(
    const yousu_policy *p, const char *code, const char **channel);

/* yousu_policy_list_codes writes the comma-separated category codes
 * (which = 'c') or refusal codes (which = 'r') into buf. */
void yousu_policy_list_codes(
    const yousu_policy *p, char which, char *buf, size_t len);

#endif
