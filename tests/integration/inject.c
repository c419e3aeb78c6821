/* yousu-inject: plays a hostile or broken child against a hub's uplink,
 * for the link tests. It builds frames with the wire format directly
 * (protobuf-c and libsodium), as an attacker would.
 *
 *   yousu-inject URL MODE FROM TO KEYFILE
 *
 * MODE: forged (sealed with a wrong key), tampered (one ciphertext byte
 * flipped), truncated (cut in half), replay (a valid frame carrying an
 * intake for FROM-20260924001, sent twice), unknown (FROM is not a
 * child), version (version 2), claim (a protobuf length of 100 MiB in a
 * short frame), oversized (larger than the hub's max_frame), rawclaim (an
 * SP message header claiming 100 MiB on a raw ipc connection). */
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "yousu.pb-c.h"
#include "yousu/keys.h"

static void
nap(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static size_t
make_ad(uint8_t *ad, uint32_t version, const char *from, const char *to,
    uint64_t counter)
{
	size_t n =
	    (size_t) sprintf((char *) ad, "yousu%u|%s|%s|", version, from, to);

	for (int i = 7; i >= 0; i--)
		ad[n++] = (uint8_t) (counter >> (8 * i));
	return n;
}

/* A payload with one message: the intake of FROM-20260924001. */
static uint8_t *
intake_payload(const char *from, size_t *len)
{
	Yousu__Event e = YOUSU__EVENT__INIT;
	Yousu__Message m = YOUSU__MESSAGE__INIT, *mp = &m;
	Yousu__Payload p = YOUSU__PAYLOAD__INIT;
	char id[64], data[256];
	uint8_t *ebuf, *pbuf;

	snprintf(id, sizeof id, "%s-20260924001", from);
	snprintf(data, sizeof data,
	    "{\"id\":\"%s\",\"serial\":1,\"year\":2026,\"source\":\"window\","
	    "\"name\":\"注入测试\",\"phone\":\"13900000000\","
	    "\"content\":\"inject\",\"staff\":\"x\"}",
	    id);
	e.complaint_id = id;
	e.seq = 1;
	e.type = "intake";
	e.actor = "inject";
	e.at = 1790000000;
	e.origin = (char *) from;
	e.data = data;
	ebuf = malloc(yousu__event__get_packed_size(&e));
	yousu__event__pack(&e, ebuf);
	m.seq = 1;
	m.kind = "event";
	m.body = (ProtobufCBinaryData){yousu__event__get_packed_size(&e), ebuf};
	m.queued_ms = 0;
	p.ack = 0;
	p.incarnation = "11111111111111111111111111111111";
	p.n_msgs = 1;
	p.msgs = &mp;
	*len = yousu__payload__get_packed_size(&p);
	pbuf = malloc(*len);
	yousu__payload__pack(&p, pbuf);
	free(ebuf);
	return pbuf;
}

/* topic + Frame, sealed with key. */
static uint8_t *
frame(const char *from, const char *to, uint32_t version, const uint8_t *key,
    size_t *out_len)
{
	Yousu__Frame f = YOUSU__FRAME__INIT;
	uint8_t nonce[24], ad[96], *plain, *sealed, *buf;
	unsigned long long clen;
	size_t plen, flen, tlen = strlen(to) + 1;

	plain = intake_payload(from, &plen);
	sealed = malloc(plen + 16);
	randombytes_buf(nonce, sizeof nonce);
	f.version = version;
	f.from = (char *) from;
	f.to = (char *) to;
	f.counter = ((uint64_t) 1 << 62) + (uint64_t) time(NULL);
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &clen, plain, plen,
	    ad, make_ad(ad, version, from, to, f.counter), NULL, nonce, key);
	f.nonce = (ProtobufCBinaryData){24, nonce};
	f.sealed = (ProtobufCBinaryData){(size_t) clen, sealed};
	flen = yousu__frame__get_packed_size(&f);
	buf = malloc(tlen + flen);
	memcpy(buf, to, tlen);
	yousu__frame__pack(&f, buf + tlen);
	free(plain);
	free(sealed);
	*out_len = tlen + flen;
	return buf;
}

/* read exactly n bytes (the peer's header may come in pieces) */
static int
read_all(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		if (r <= 0)
			return -1;
		got += (size_t) r;
	}
	return 0;
}

static int
send_raw_claim(const char *url)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	/* ipc: SP header (\0SP\0, protocol PUB 0x0020, reserved), then a
	 * message: type 1 and a 64-bit length of 100 MiB */
	uint8_t hello[8] = {0, 'S', 'P', 0, 0x00, 0x20, 0, 0}, peer[8];
	uint8_t msg[9] = {1, 0, 0, 0, 0, 0x06, 0x40, 0, 0};
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (strncmp(url, "ipc://", 6) != 0)
		return 2;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", url + 6);
	if (fd < 0 || connect(fd, (struct sockaddr *) &sa, sizeof sa) != 0 ||
	    write(fd, hello, 8) != 8 || read_all(fd, peer, 8) != 0 ||
	    write(fd, msg, 9) != 9) {
		perror("inject: raw claim");
		if (fd >= 0)
			close(fd);
		return 1;
	}
	/* a few real bytes, then hang up: the rest never comes (the hub
	 * may have hung up first: that is fine, hence no SIGPIPE) */
	(void) !write(fd, "junkjunk", 8);
	nap(300);
	close(fd);
	return 0;
}

static int
publish(const char *url, uint8_t *buf, size_t len, int times)
{
	nng_socket s;
	int rv;

	if ((rv = nng_pub0_open(&s)) != 0 || (rv = nng_dial(s, url, NULL, 0)))
		return fprintf(stderr, "inject: %s\n", nng_strerror(rv)), 1;
	nap(300); /* let the pipe come up: PUB drops until then */
	for (int i = 0; i < times; i++) {
		if ((rv = nng_send(s, buf, len, 0)) != 0)
			return fprintf(
			           stderr, "inject: %s\n", nng_strerror(rv)),
			       1;
		nap(200);
	}
	nap(300);
	nng_close(s);
	return 0;
}

int
main(int argc, char **argv)
{
	uint8_t key[32], *buf;
	char err[256];
	const char *mode;
	size_t len;
	int rv;

	if (argc != 6 || sodium_init() < 0)
		return fprintf(stderr, "usage: yousu-inject URL MODE FROM TO "
		                       "KEYFILE\n"),
		       2;
	mode = argv[2];
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(mode, "rawclaim") == 0)
		return send_raw_claim(argv[1]);
	if (yousu_key_load(argv[5], key, err, sizeof err) != YOUSU_OK)
		return fprintf(stderr, "inject: %s\n", err), 1;
	if (strcmp(mode, "forged") == 0)
		randombytes_buf(key, sizeof key);
	buf =
	    frame(argv[3], argv[4], strcmp(mode, "version") ? 1 : 2, key, &len);
	if (strcmp(mode, "tampered") == 0)
		buf[len - 5] ^= 0x01;
	if (strcmp(mode, "truncated") == 0)
		len /= 2;
	if (strcmp(mode, "claim") == 0) {
		/* topic, then field 6 (sealed, wire type 2) claiming 100 MiB */
		uint8_t claim[] = {0x32, 0x80, 0x80, 0x80, 0x32, 'x', 'y'};
		size_t t = strlen(argv[4]) + 1;

		memcpy(buf + t, claim, sizeof claim);
		len = t + sizeof claim;
	}
	if (strcmp(mode, "oversized") == 0) {
		size_t big = (4 << 20) + 4096;
		uint8_t *b = calloc(1, big);

		memcpy(b, buf, len);
		free(buf);
		buf = b;
		len = big;
	}
	rv = publish(argv[1], buf, len, strcmp(mode, "replay") ? 1 : 2);
	free(buf);
	return rv;
}
