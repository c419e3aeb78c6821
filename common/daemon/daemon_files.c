/* The daemon's files: one daemon per store (a lock beside it, taken
 * before anything is touched), the store's file modes (complainants'
 * names and phones are in it: no one else may read it), and the control
 * socket (a live one is never taken over). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon_impl.h"

/* The pid written in a lock file, or 0. */
static long
lock_holder(int fd)
{
	char buf[32] = "";
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);

	return n > 0 ? strtol(buf, NULL, 10) : 0;
}

/* yousu__daemon_lock takes the lock STORE.lock (flock, held for the
 * daemon's life, mode 0600) before the store or the control socket is
 * touched: a second daemon on one store is refused at once, naming the
 * running one. */
int
yousu__daemon_lock(daemon_t *d)
{
	char path[PATH_LEN + 8], pid[32];
	int fd, n;
	long other;

	snprintf(path, sizeof path, "%s.lock", d->cfg.store);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		fprintf(stderr,
		    "yousu-%s: %s: cannot open the store's lock: %s\n",
		    d->role->name, path, strerror(errno));
		return 1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		other = lock_holder(fd);
		fprintf(stderr,
		    "yousu-%s: another daemon (pid %ld) is running on the "
		    "store "
		    "%s (it holds %s); a second one would take its store and "
		    "control socket: stop that one first\n",
		    d->role->name, other, d->cfg.store, path);
		close(fd);
		return 1;
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long) getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t) n, 0) != n)
		fprintf(stderr, "yousu-%s: %s: cannot write the pid: %s\n",
		    d->role->name, path, strerror(errno));
	d->lock_fd = fd;
	return 0;
}

/* Whether a process listens on the unix socket at path. A connection
 * that closes before the SP handshake stops nng 1.5.2's IPC listener
 * for good (nanomsg/nng#1518), so the probe makes the handshake (as a
 * REQ peer) before it closes. */
static bool
socket_live(const char *path)
{
	static const unsigned char req_header[8] = {
	    0, 'S', 'P', 0, 0, 48, 0, 0};
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct timeval tv = {1, 0};
	unsigned char peer[8];
	int fd, rv;

	if (strlen(path) >= sizeof sa.sun_path)
		return false;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	rv = connect(fd, (struct sockaddr *) &sa, sizeof sa);
	if (rv == 0) {
		(void) setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		if (write(fd, req_header, sizeof req_header) > 0)
			(void) !read(fd, peer, sizeof peer);
	}
	close(fd);
	return rv == 0;
}

/* yousu__control_free makes the control socket's path free to bind: a
 * file left by a daemon that died is removed; one a live process
 * listens on (another daemon given the same control path) is not, and
 * start-up stops. */
int
yousu__control_free(daemon_t *d, const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		fprintf(stderr,
		    "yousu-%s: control %s: the path is taken by a file that is "
		    "not a socket\n",
		    d->role->name, path);
		return 1;
	}
	if (socket_live(path)) {
		fprintf(stderr,
		    "yousu-%s: control %s: another process listens there "
		    "(another daemon's [control] listen?); choose another "
		    "path\n",
		    d->role->name, path);
		return 1;
	}
	unlink(path); /* left by a daemon that was killed */
	return 0;
}

/* The configured group's id, or -1 when none is configured. */
static gid_t
store_gid(const daemon_t *d)
{
	return d->cfg.store_group[0] ? d->cfg.store_gid : (gid_t) -1;
}

/* One of the store's files: refused when others may read or write it,
 * or the group when it is not the configured one; given to the
 * configured group when it is this daemon's. */
static int
check_mode(const daemon_t *d, const char *path)
{
	gid_t gid = store_gid(d);
	struct stat st;

	if (stat(path, &st) != 0)
		return 0; /* not made yet: made by this daemon, right */
	if (gid != (gid_t) -1 && st.st_gid != gid && st.st_uid == geteuid() &&
	    chown(path, (uid_t) -1, gid) == 0)
		st.st_gid = gid;
	if ((st.st_mode & 0007) == 0 &&
	    ((st.st_mode & 0070) == 0 ||
	        (gid != (gid_t) -1 && st.st_gid == gid)))
		return 0;
	fprintf(stderr,
	    "yousu-%s: %s can be read by %s (mode %04o): the store holds "
	    "complainants' names and phones; fix it with: chmod %s %s*%s\n",
	    d->role->name, path,
	    (st.st_mode & 0007) ? "every user" : "its group", st.st_mode & 0777,
	    gid != (gid_t) -1 ? "640" : "600", d->cfg.store,
	    gid != (gid_t) -1 ? " (and chgrp the group [store] group names)"
	                      : " (or name a group in [store] group)");
	return 1;
}

/* yousu__store_modes checks the store, its WAL and shared-memory files
 * before the store is opened (refusing any that others can read), and
 * sets the process's file mode mask so that everything the daemon makes
 * (the store and its journals, exports, spool files) is 0600, or 0640
 * with [store] group. */
int
yousu__store_modes(daemon_t *d)
{
	static const char *const ends[] = {"", "-wal", "-shm"};
	char path[PATH_LEN + 8];

	umask(store_gid(d) != (gid_t) -1 ? 027 : 077);
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		snprintf(path, sizeof path, "%s%s", d->cfg.store, ends[i]);
		if (check_mode(d, path) != 0)
			return 1;
	}
	return 0;
}

/* yousu__store_group_files gives the store's files, once open, to the
 * configured group (SQLite makes the journals after the store). */
void
yousu__store_group_files(const daemon_t *d)
{
	static const char *const ends[] = {"", "-wal", "-shm"};
	gid_t gid = store_gid(d);
	char path[PATH_LEN + 8];

	if (gid == (gid_t) -1)
		return;
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		snprintf(path, sizeof path, "%s%s", d->cfg.store, ends[i]);
		if (chown(path, (uid_t) -1, gid) != 0 && errno != ENOENT)
			fprintf(stderr, "yousu-%s: chgrp %s %s: %s\n",
			    d->role->name, d->cfg.store_group, path,
			    strerror(errno));
	}
}

/* [store] group = NAME: a group that exists. */
yousu_err
yousu__on_store_group(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;
	struct group *g = getgrnam(v);

	(void) name;
	if (g == NULL || strlen(v) >= sizeof c->store_group) {
		snprintf(
		    msg, len, "group '%s': no such group on this machine", v);
		return YOUSU_CONFIG;
	}
	snprintf(c->store_group, sizeof c->store_group, "%s", v);
	c->store_gid = g->gr_gid;
	return YOUSU_OK;
}
