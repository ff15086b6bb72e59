/* Test stub of cJSON.h: the parsing and building calls the C fixture server makes. */
#ifndef cJSON__h
#define cJSON__h

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cJSON {
  struct cJSON* next;
  struct cJSON* prev;
  struct cJSON* child;
  int type;
  char* valuestring;
  int valueint;
  double valuedouble;
  char* string;
} cJSON;

cJSON* cJSON_Parse(const char* value);
void cJSON_Delete(cJSON* item);
char* cJSON_PrintUnformatted(const cJSON* item);
cJSON* cJSON_GetObjectItem(const cJSON* object, const char* name);
cJSON* cJSON_GetObjectItemCaseSensitive(const cJSON* object, const char* name);
char* cJSON_GetStringValue(const cJSON* item);
int cJSON_IsString(const cJSON* item);
cJSON* cJSON_CreateObject(void);
cJSON* cJSON_CreateArray(void);
cJSON* cJSON_AddStringToObject(cJSON* object, const char* name, const char* string);
cJSON* cJSON_AddNumberToObject(cJSON* object, const char* name, double number);
int cJSON_AddItemToObject(cJSON* object, const char* name, cJSON* item);
int cJSON_AddItemToArray(cJSON* array, cJSON* item);

#ifdef __cplusplus
}
#endif

#endif
