/* The notes server after review: no shell, note paths confined to the notes folder, no key
 * reading, an allow-listed script runner. Nothing here should be reported. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cJSON.h"

#define NOTES_DIR "/var/lib/notes/"

typedef cJSON* (*tool_fn)(const cJSON* args);

struct tool_def {
  const char* name;
  const char* description;
  tool_fn handler;
};

static cJSON* text_result(const char* text) {
  cJSON* result = cJSON_CreateObject();
  cJSON_AddStringToObject(result, "text", text);
  return result;
}

static int valid_hostname(const char* host) {
  if (!host || !*host || strlen(host) > 253) return 0;
  return strspn(host, "abcdefghijklmnopqrstuvwxyz0123456789.-") == strlen(host) && host[0] != '-';
}

static cJSON* tool_ping(const cJSON* args) {
  const char* host = cJSON_GetObjectItem(args, "host")->valuestring;
  if (!valid_hostname(host)) return text_result("invalid host");
  pid_t pid = fork();
  if (pid == 0) {
    execlp("ping", "ping", "-c", "1", host, (char*)NULL);
    _exit(127);
  }
  return text_result("started");
}

static cJSON* tool_read_note(const cJSON* args) {
  const cJSON* name = cJSON_GetObjectItemCaseSensitive(args, "name");
  char requested[PATH_MAX];
  snprintf(requested, sizeof requested, NOTES_DIR "%s", name->valuestring);
  char resolved[PATH_MAX];
  if (!realpath(requested, resolved)) return text_result("no such note");
  if (strncmp(resolved, NOTES_DIR, strlen(NOTES_DIR)) != 0) return text_result("not a note");
  FILE* f = fopen(resolved, "r");
  char body[4096] = "";
  if (f) {
    fread(body, 1, sizeof body - 1, f);
    fclose(f);
  }
  return text_result(body);
}

static const char* const kScripts[] = {"/usr/lib/notes/reindex.sh", "/usr/lib/notes/vacuum.sh"};

static cJSON* tool_run_script(const cJSON* args) {
  const char* wanted = cJSON_GetStringValue(cJSON_GetObjectItem(args, "script"));
  int index = atoi(wanted);
  if (index < 0 || index > 1) return text_result("unknown script");
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", kScripts[index], (char*)NULL);
    _exit(127);
  }
  return text_result("started");
}

static const struct tool_def TOOLS[] = {
    {"ping", "Ping a host once and report the round trip", tool_ping},
    {"read_note", "Read a saved note by name", tool_read_note},
    {"run_script", "Run maintenance script 0 (reindex) or 1 (vacuum)", tool_run_script},
};

static cJSON* call_tool(const char* name, const cJSON* args) {
  for (size_t i = 0; i < sizeof TOOLS / sizeof TOOLS[0]; ++i) {
    if (strcmp(TOOLS[i].name, name) == 0) return TOOLS[i].handler(args);
  }
  return NULL;
}

int main(void) {
  char line[65536];
  while (fgets(line, sizeof line, stdin)) {
    cJSON* request = cJSON_Parse(line);
    if (!request) continue;
    const cJSON* method = cJSON_GetObjectItem(request, "method");
    const cJSON* params = cJSON_GetObjectItem(request, "params");
    if (method && strcmp(method->valuestring, "tools/call") == 0) {
      const char* tool = cJSON_GetObjectItem(params, "name")->valuestring;
      cJSON* result = call_tool(tool, cJSON_GetObjectItem(params, "arguments"));
      char* text = cJSON_PrintUnformatted(result);
      printf("%s\n", text);
      fflush(stdout);
      free(text);
    }
    cJSON_Delete(request);
  }
  return 0;
}
