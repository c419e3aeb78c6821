/* yousu — one line per event on stderr. */
#ifndef YOUSU_LOG_H
#define YOUSU_LOG_H

/* yousu_log_init sets the program tag printed on every line. */
void yousu_log_init(const char *tag);

/* yousu_log writes "time tag: message" to stderr. Fixed tags such as
 * "REJECT" start the message so that logs can be grepped. */
void yousu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
