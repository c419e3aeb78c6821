/* bench-repeats [COMPLAINTS [INTAKES]]: the repeat lookup a window makes
 * before it registers a complaint (重复件: the same phone, or a similar
 * text of the same township, within 30 days), at a county hub holding
 * COMPLAINTS complaints over two years (default 1,000,000), against the
 * same intake without it, in the same run.
 *
 * Phase 1, the baseline: INTAKES intakes (default 2000), one control
 * request each. Phase 2: the same number of intakes, each after a
 * `repeats` lookup with a caller's phone and a text like one of the last
 * month's. Prints p50/p99 of the lookup, of the intake alone and of
 * lookup + intake, with the ratio; the target is a lookup p99 < 10 ms.
 * Every lookup of a repeated caller must find the earlier complaint (the
 * benchmark fails otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "benchlib.h"

#define NOW    1790211600LL /* 2026-09-24 09:00 +08:00, the test clock */
#define SPAN_S (2 * 365 * 86400LL)
#define T0     (NOW - SPAN_S)

/* the problems people bring, each with a detail that varies */
static const char *const problems[] = {"办理营业执照变更时窗口要求重复提交材料",
    "社保转移接续办了两个月没有结果", "不动产登记预约排不上号，窗口让网上预约",
    "公积金提取被退回三次，说材料不全", "企业开办刻章要求到指定店，收费偏高",
    "养老保险待遇认证系统不通让回县里办",
    "户籍迁移需要开具的证明不知道找哪里开", "食品经营许可补正材料一次没有说清",
    "医保异地备案办理时窗口推给网上", "居住证办理多次往返仍未办结",
    "税务登记窗口排队两天没有办上", "建设工程规划许可审批时间过长",
    "道路运输许可迟迟办不下来", "农村低保申请材料审核拖延",
    "残疾人补贴申请窗口态度生硬", "个体户登记被要求先开证明"};
#define NPROBLEMS (sizeof problems / sizeof *problems)
static const char *const places[] = {"槐店镇", "和尚镇", "新桥镇", "秣陵镇",
    "城关镇", "刘庄店镇", "付井镇", "赵德营镇"};

static void
text_of(long k, char *buf, size_t len)
{
	snprintf(buf, len, "在%s%s，第%ld次反映", places[(k / 7) % 8],
	    problems[k % NPROBLEMS], 1 + k % 5);
}

static void
phone_of(long k, char *buf, size_t len)
{
	snprintf(buf, len, "139%08ld", k % 100000000L);
}

/* Complaint k of n as the hub holds it (its own window's, settled but
 * for the last month's). */
static cJSON *
make_doc(long k, long n, const char **type)
{
	cJSON *d = cJSON_CreateObject();
	char buf[160];
	int64_t at = T0 + (int64_t) ((double) k / (double) n * SPAN_S);

	snprintf(buf, sizeof buf, "SQ-%08ld", k);
	cJSON_AddStringToObject(d, "id", buf);
	cJSON_AddStringToObject(d, "origin", "SQ");
	cJSON_AddStringToObject(d, "owner", "SQ");
	cJSON_AddStringToObject(
	    d, "status", NOW - at > 30 * 86400 ? "closed" : "registered");
	cJSON_AddStringToObject(d, "source", "window");
	cJSON_AddNumberToObject(d, "received_at", (double) at);
	cJSON_AddStringToObject(d, "name", "某群众");
	phone_of(k, buf, sizeof buf);
	cJSON_AddStringToObject(d, "phone", buf);
	text_of(k, buf, sizeof buf);
	cJSON_AddStringToObject(d, "content", buf);
	cJSON_AddNumberToObject(d, "events", 1);
	*type = "intake";
	return d;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

static double
pct(double *v, int n, double p)
{
	qsort(v, (size_t) n, sizeof *v, by_value);
	return v[(int) (p * (n - 1))];
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static double
ms_since(double t0)
{
	return now_ms() - t0;
}

static cJSON *
intake_args(long k)
{
	cJSON *a = cJSON_CreateObject();
	char buf[160];

	cJSON_AddStringToObject(a, "source", "window");
	cJSON_AddStringToObject(a, "name", "某群众");
	phone_of(k, buf, sizeof buf);
	cJSON_AddStringToObject(a, "phone", buf);
	text_of(k, buf, sizeof buf);
	cJSON_AddStringToObject(a, "content", buf);
	return a;
}

int
main(int argc, char **argv)
{
	long complaints = argc > 1 ? atol(argv[1]) : 1000000;
	int m = argc > 2 ? atoi(argv[2]) : 2000, missed = 0;
	double *base = calloc((size_t) m, sizeof *base);
	double *look = calloc((size_t) m, sizeof *look);
	double *both = calloc((size_t) m, sizeof *both);
	double *after = calloc((size_t) m, sizeof *after);
	char url[300], path[300];
	bl_run r;
	double t;

	if (complaints < 1000 || m < 10 || !base || !look || !both || !after) {
		fprintf(stderr, "usage: bench-repeats [COMPLAINTS>=1000 "
		                "[INTAKES>=10]]\n");
		return 2;
	}
	umask(077); /* the store is made here: the hub's own mode */
	bl_init(&r, argv[0], 1); /* its one township is not started */
	snprintf(path, sizeof path, "%s/hub.db", r.dir);
	printf("filling a hub store with %ld complaints...\n", complaints);
	fflush(stdout);
	bl_fill_store(path, complaints, make_doc);
	t = now_ms();
	bl_start_hub(&r);
	printf("hub started (the last month's repeat keys made) in %.1f s\n",
	    ms_since(t) / 1000.0);
	bl_url(&r, -1, url, sizeof url);
	/* the baseline: intakes of new callers */
	for (int i = 0; i < m; i++) {
		cJSON *a = intake_args(complaints + 1000000L + i), *res;

		t = now_ms();
		res = bl_request(url, "intake", a);
		base[i] = ms_since(t);
		cJSON_Delete(res); /* bl_request took a */
	}
	/* callers of the last month come back: look, then register */
	for (int i = 0; i < m; i++) {
		long k = complaints - 1 -
		         (long) ((unsigned) (i * 2654435761u) %
		                 (unsigned) (complaints / 40));
		cJSON *a = intake_args(k), *q = cJSON_CreateObject(), *res;
		char want[32];

		cJSON_AddStringToObject(
		    q, "phone", cJSON_GetObjectItem(a, "phone")->valuestring);
		cJSON_AddStringToObject(q, "content",
		    cJSON_GetObjectItem(a, "content")->valuestring);
		snprintf(want, sizeof want, "SQ-%08ld", k);
		t = now_ms();
		res = bl_request(url, "repeats", q);
		look[i] = ms_since(t);
		{
			char *text = cJSON_PrintUnformatted(res);

			if (text == NULL || strstr(text, want) == NULL)
				missed++;
			free(text);
		}
		cJSON_Delete(res);
		t = now_ms();
		res = bl_request(url, "intake", a);
		after[i] = ms_since(t);
		both[i] = look[i] + after[i];
		cJSON_Delete(res); /* bl_request took q and a */
	}
	bl_stop(&r);
	printf(
	    "%ld complaints at the hub; %d intakes a phase\n", complaints, m);
	printf("%-30s %8s %8s\n", "request", "p50 ms", "p99 ms");
	printf("%-30s %8.2f %8.2f\n", "intake alone (baseline)",
	    pct(base, m, 0.5), pct(base, m, 0.99));
	printf("%-30s %8.2f %8.2f\n", "repeat lookup", pct(look, m, 0.5),
	    pct(look, m, 0.99));
	printf("%-30s %8.2f %8.2f\n", "intake after the lookup",
	    pct(after, m, 0.5), pct(after, m, 0.99));
	printf("%-30s %8.2f %8.2f\n", "lookup + intake", pct(both, m, 0.5),
	    pct(both, m, 0.99));
	printf("complaints=%ld\nlookup_p99_ms=%.2f\nintake_p99_ms=%.2f\n"
	       "with_lookup_p99_ms=%.2f\nratio_p99=%.2f\nmissed=%d\n",
	    complaints, pct(look, m, 0.99), pct(base, m, 0.99),
	    pct(both, m, 0.99), pct(both, m, 0.99) / pct(base, m, 0.99),
	    missed);
	free(base);
	free(look);
	free(both);
	free(after);
	if (missed > 0) {
		fprintf(stderr,
		    "bench-repeats: %d lookups missed the caller's earlier "
		    "complaint\n",
		    missed);
		return 1;
	}
	return 0;
}
