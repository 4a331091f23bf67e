# llm_openai talks HTTP(S) to an OpenAI-compatible server through libcurl (plugins/http).
target_sources(llm_openai PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(llm_openai PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(llm_openai PRIVATE PkgConfig::CURL)

# The prompt templates in templates/prompts/ are compiled in as the defaults (config
# "promptsDir" overrides them).
include(${CMAKE_SOURCE_DIR}/plugins/support/prompts.cmake)
mockroom_prompt_header(llm_openai default_prompts.h mockroom::llm_openai::defaults persona followup acknowledge)
target_include_directories(llm_openai PRIVATE ${KAINJOW_MUSTACHE_INCLUDE_DIR})
