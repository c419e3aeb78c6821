/* yousu — the city bureau's side of the statistics: the county reports
 * (统计报表) its bridge receives from the county hubs, kept in the city
 * store (codes and counts only, never personal data), and the city-wide
 * tables made by adding them up. */
#ifndef YOUSU_CITY_H
#define YOUSU_CITY_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "yousu/err.h"
#include "yousu/store.h"

/* yousu_city_store_report keeps report (a "yousu.stats.v1" object, as
 * `yousuctl report` builds it) received from county hub peer: the
 * newest report of each (county, period) replaces older ones. Refused,
 * with a message in err and nothing stored: YOUSU_PROTO (not such a
 * report, or no valid period), YOUSU_PERM (the report of another centre,
 * or a key that names personal data — name, phone, address, content,
 * caller — anywhere in it), YOUSU_DB. report is borrowed. */
yousu_err yousu_city_store_report(yousu_store *st, const char *peer,
    const cJSON *report, char *err, size_t errlen);

/* yousu_city_table adds up the monthly reports of period ("YYYY-MM";
 * NULL: every month) by county, township, department, source or
 * category, with a 合计 row, into a new object owned by the caller:
 * {"title", "columns", "rows" (strings, for the table, CSV and XLSX
 * writers), "figures": {group: {counts and rates}}}. Rates are computed
 * from the summed counts (yousu_stats_rates). YOUSU_INVAL with a message
 * for an unknown grouping or a period that is not a month. */
yousu_err yousu_city_table(yousu_store *st, const char *period, const char *by,
    cJSON **out, char *err, size_t errlen);

/* yousu_city_reports lists the reports held: [{"county", "period",
 * "generated_at"}], a new array owned by the caller. */
yousu_err yousu_city_reports(yousu_store *st, cJSON **out);

#endif
