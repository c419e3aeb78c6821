/* yousu — the common life of a daemon: configuration, store, control
 * socket, clock, scheduler and signals. */
#ifndef YOUSU_DAEMON_H
#define YOUSU_DAEMON_H

/* yousu_daemon_main runs a daemon of the given role ("node") with the
 * command line argv (-c FILE [--test-clock]) until SIGTERM or SIGINT.
 * Returns the process exit status: 0 after a clean stop, 1 on a start-up
 * error (printed as "file:line: message" for configuration), 2 on a
 * usage error. */
int yousu_daemon_main(const char *role, int argc, char **argv);

/* yousu_tune_malloc keeps freed heap memory (up to 32 MiB) instead of
 * returning it at once: on the virtual machines measured here glibc's
 * trimming and regrowing the heap (page faults) made the store's work
 * 2.5 times slower. The daemons and the benchmarks call it first. */
void yousu_tune_malloc(void);

#endif
