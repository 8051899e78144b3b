/*
 * json.h - just enough JSON writing for yordamctl's --json output:
 * one object per line, so scripts can read it with a line reader.
 */
#ifndef YORDAM_JSON_H
#define YORDAM_JSON_H

#include <stdint.h>
#include <stdio.h>

void json_string(FILE *f, const char *s);       /* "..." or null */
void json_time(FILE *f, int64_t t);             /* "2026-11-24T10:00:00Z" */

#endif
