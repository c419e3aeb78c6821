/* yousu — what the daemons and the benchmarks share before anything
 * starts. The daemon itself is yousu/role.h. */
#ifndef YOUSU_DAEMON_H
#define YOUSU_DAEMON_H

/* yousu_tune_malloc keeps freed heap memory (up to 32 MiB) instead of
 * returning it at once: on the virtual machines measured here glibc's
 * trimming and regrowing the heap (page faults) made the store's work
 * 2.5 times slower. The daemons and the benchmarks call it first. */
void yousu_tune_malloc(void);

#endif
