/* The password process: Argon2id hashing and checking in a child process
 * of its own, forked before the daemon opens anything or starts a thread.
 *
 * Argon2id maps 64 MiB for every password, faults it in and unmaps it.
 * Done on a thread of the daemon, each map and unmap took the process's
 * address-space lock, and the loop, mapping a page of its own, waited
 * behind it: 100-170 ms stalls of the link and of every request while 20
 * accounts logged in (bench/desk). A process of its own has its own
 * address space. The desk's worker thread sends it one request at a time
 * over a socket pair and waits for the answer; nothing else is shared.
 * The child leaves when the daemon closes its end (or dies). */
#define _GNU_SOURCE /* close_range */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon_impl.h"
#include "yousu/accounts.h"

typedef struct {
	char hash_only;
	char hash[128];
	char password[YOUSU_PASSWORD_MAX + 1];
} pw_request;

typedef struct {
	char ok;
	char hash[128];
} pw_answer;

static void
serve(int fd)
{
	pw_request q;
	pw_answer a;

	for (;;) {
		ssize_t n = recv(fd, &q, sizeof q, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t) sizeof q)
			break; /* the daemon closed its end */
		q.password[YOUSU_PASSWORD_MAX] = '\0';
		q.hash[sizeof q.hash - 1] = '\0';
		memset(&a, 0, sizeof a);
		if (q.hash_only)
			a.ok =
			    yousu_password_hash(q.password, a.hash) == YOUSU_OK;
		else
			a.ok = yousu_password_verify(q.hash, q.password);
		sodium_memzero(&q, sizeof q);
		if (send(fd, &a, sizeof a, MSG_NOSIGNAL) != (ssize_t) sizeof a)
			break;
	}
	sodium_memzero(&q, sizeof q);
	_exit(0);
}

int
yousu__pwproc_start(daemon_t *d)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		fprintf(stderr, "yousu-%s: password process: %s\n",
		    d->role->name, strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		fprintf(stderr, "yousu-%s: password process: %s\n",
		    d->role->name, strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		/* nothing of the daemon's but stderr and its end */
		close(sv[0]);
		if (dup2(sv[1], 3) != 3)
			_exit(1);
		close_range(4, ~0U, 0);
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(0); /* the daemon is already gone */
		prctl(PR_SET_NAME, "yousu-password");
		/* behind the loop and the link when the machine is busy: the
		 * lowest weight, as a batch task (no wakeup preemption of
		 * others); never SCHED_IDLE, which starved logins outright on
		 * a machine kept busy (the sanitizer run of bench-desk) */
		{
			struct sched_param sp = {0};

			(void) sched_setscheduler(0, SCHED_BATCH, &sp);
			(void) setpriority(PRIO_PROCESS, 0, 19);
		}
		serve(3);
	}
	close(sv[1]);
	d->pw_fd = sv[0];
	d->pw_pid = pid;
	return 0;
}

bool
yousu__pwproc_call(
    daemon_t *d, bool hash_only, const char *password, char hash[128])
{
	pw_request q;
	pw_answer a;
	ssize_t n;
	bool ok = false;

	memset(&q, 0, sizeof q);
	q.hash_only = hash_only;
	if (!hash_only)
		snprintf(q.hash, sizeof q.hash, "%s", hash);
	snprintf(q.password, sizeof q.password, "%s", password);
	if (d->pw_fd >= 0 &&
	    send(d->pw_fd, &q, sizeof q, MSG_NOSIGNAL) == (ssize_t) sizeof q) {
		do
			n = recv(d->pw_fd, &a, sizeof a, 0);
		while (n < 0 && errno == EINTR);
		if (n == (ssize_t) sizeof a) {
			ok = a.ok;
			if (hash_only && ok)
				memcpy(hash, a.hash, sizeof a.hash);
			sodium_memzero(&q, sizeof q);
			return ok;
		}
	}
	sodium_memzero(&q, sizeof q);
	/* no password process (it died): the work is done here, as before */
	if (hash_only)
		return yousu_password_hash(password, hash) == YOUSU_OK;
	return yousu_password_verify(hash, password);
}

void
yousu__pwproc_stop(daemon_t *d)
{
	if (d->pw_fd >= 0)
		close(d->pw_fd);
	d->pw_fd = -1;
	if (d->pw_pid > 0)
		while (waitpid(d->pw_pid, NULL, 0) < 0 && errno == EINTR)
			;
	d->pw_pid = 0;
}
