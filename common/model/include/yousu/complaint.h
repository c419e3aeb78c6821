/* yousu — the complaint model: codes and labels, and the projection of
 * an event log onto the complaint's current state. */
#ifndef YOUSU_COMPLAINT_H
#define YOUSU_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "yousu/date.h"
#include "yousu/err.h"
#include "yousu/store.h"

/* yousu_id_numbered_by: whether id (a complaint's or a guidance case's)
 * was numbered by centre code, i.e. starts with "<code>-". */
bool yousu_id_numbered_by(const char *id, const char *code);

/* yousu_label returns the Chinese label of a code of kind `kind`
 * ("status", "event", "source", "nature", "satisfaction", "reply", and
 * "case": a guidance case's status), or the code itself when unknown.
 * Never NULL for a non-NULL code. */
const char *yousu_label(const char *kind, const char *code);

/* yousu_code_from_input maps user input for kind to a code: the code
 * itself or its Chinese label. Returns NULL if neither matches. */
const char *yousu_code_from_input(const char *kind, const char *input);

/* yousu_codes_list writes "a, b, c" (the codes of kind) into buf. */
void yousu_codes_list(const char *kind, char *buf, size_t len);

/* yousu_project_apply applies event ev (with its JSON data parsed in
 * data) to the complaint state doc, which starts as an empty object for
 * an intake. Pure: the same log always gives the same state. The event
 * number is counted in doc's "events". */
void yousu_project_apply(cJSON *doc, const yousu_event *ev, const cJSON *data);

/* yousu_project_known tells whether an event of this type with this
 * data can be projected (a known type with the members it needs); a
 * received event that is not is refused, never projected. */
bool yousu_project_known(const char *type, const cJSON *data);

/* yousu_complaint_apply_remote applies event number seq of complaint id
 * as replicated from another centre: a seq already there changes nothing
 * (YOUSU_EXISTS: the caller compares, yousu_replica_take), the next one
 * is projected and saved. YOUSU_PROTO, changing
 * nothing, for a gap, a first event that is not an intake, data that
 * cannot be projected, a wrong id, or a writer (ev->origin) that does not
 * own the complaint (a new one must carry the writer's prefix). Inside
 * the caller's transaction. */
yousu_err yousu_complaint_apply_remote(
    yousu_store *st, const char *id, int64_t seq, const yousu_event *ev);

/* yousu_complaint_check verifies that every complaint's stored state
 * equals the replay of its event log; the first mismatch is named in
 * err (YOUSU_STATE). */
yousu_err yousu_complaint_check(yousu_store *st, char *err, size_t errlen);

#endif
