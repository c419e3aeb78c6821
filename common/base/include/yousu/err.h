/* yousu — one error enum for the whole project (house style 5). */
#ifndef YOUSU_ERR_H
#define YOUSU_ERR_H

#include <stddef.h>

/* X(NAME, message): the single list from which the enum and
 * yousu_strerror() are generated, so code and message cannot drift. */
#define YOUSU_ERR_MAP(X)                             \
	X(OK, "no error")                            \
	X(NOMEM, "out of memory")                    \
	X(INVAL, "invalid argument")                 \
	X(IO, "input/output error")                  \
	X(NOTFOUND, "not found")                     \
	X(EXISTS, "already exists")                  \
	X(STATE, "not allowed in the current state") \
	X(CONFIG, "bad configuration")               \
	X(RANGE, "date outside the loaded calendar") \
	X(DB, "database error")                      \
	X(PROTO, "malformed message")                \
	X(CRYPTO, "authentication failed")           \
	X(PERM, "permission denied")                 \
	X(TIMEOUT, "timed out")                      \
	X(LIMIT, "limit exceeded")

typedef enum {
#define YOUSU__ERR_ENUM(name, msg) YOUSU_##name,
	YOUSU_ERR_MAP(YOUSU__ERR_ENUM)
#undef YOUSU__ERR_ENUM
	    YOUSU__ERR_COUNT
} yousu_err;

/* yousu_strerror returns a static English message for err; never NULL. */
const char *yousu_strerror(yousu_err err);

/* yousu_errorf writes the formatted message into err (errlen bytes,
 * truncated) and returns rv: `return yousu_errorf(err, errlen, YOUSU_INVAL,
 * "...", ...);`. */
yousu_err yousu_errorf(char *err, size_t errlen, yousu_err rv, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/* yousu_panic reports a broken internal invariant on stderr and aborts.
 * It is for bugs, never for bad input. */
_Noreturn void yousu_panic(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
