/* libFuzzer: what a desk API request becomes before it runs: the path's
 * command name, its query string (percent-decoded, key=value&...) typed
 * by the command schema into request fields, or its JSON body, and the
 * schema's check of those fields. Bad input gets a message, never a
 * crash. Input: "NAME\nQUERY" or "NAME\n{JSON}". */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_impl.h"
#include "yousu/commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
hex(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* In place, as a web server decodes a query component. */
static void
decode(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
			*o++ = (char) (hex(s[1]) * 16 + hex(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *nl, *save = NULL, err[512] = "";
	const yousu_command *c;
	cJSON *args, *own = NULL;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if ((nl = strchr(text, '\n')) == NULL ||
	    (c = yousu_command_find((*nl = '\0', text))) == NULL) {
		free(text);
		return 0;
	}
	if (nl[1] == '{') {
		args = cJSON_Parse(nl + 1);
	} else {
		args = cJSON_CreateObject();
		for (char *kv = strtok_r(nl + 1, "&", &save); kv && !err[0];
		     kv = strtok_r(NULL, "&", &save)) {
			char *eq = strchr(kv, '=');

			if (eq != NULL)
				*eq++ = '\0';
			decode(kv);
			if (eq != NULL)
				decode(eq);
			yousu__http_arg(
			    c, args, kv, eq ? eq : "", err, sizeof err);
		}
	}
	if (args != NULL && err[0] == '\0' &&
	    yousu_command_args(c, args, &own, err, sizeof err) == YOUSU_OK)
		cJSON_Delete(own);
	cJSON_Delete(args);
	free(text);
	return 0;
}
