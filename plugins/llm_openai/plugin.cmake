# llm_openai talks HTTP(S) to an OpenAI-compatible server through libcurl (plugins/http).
target_sources(llm_openai PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(llm_openai PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(llm_openai PRIVATE PkgConfig::CURL)

# The prompt templates in templates/prompts/ are compiled in as the defaults (config
# "promptsDir" overrides them), so the files stay the one place the prompts are written.
set(LLM_OPENAI_PROMPTS persona followup acknowledge)
set(LLM_OPENAI_GENERATED ${CMAKE_BINARY_DIR}/generated/llm_openai)
set(_prompts_header "// Generated from templates/prompts/*.mustache by plugins/llm_openai/plugin.cmake.\n#pragma once\n\nnamespace mockroom::llm_openai::defaults {\n")
foreach(prompt ${LLM_OPENAI_PROMPTS})
  set(_file ${CMAKE_SOURCE_DIR}/templates/prompts/${prompt}.mustache)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_file})
  file(READ ${_file} _text)
  string(APPEND _prompts_header "inline constexpr const char* k_${prompt} = R\"mrprompt(${_text})mrprompt\";\n")
endforeach()
string(APPEND _prompts_header "}  // namespace mockroom::llm_openai::defaults\n")
file(WRITE ${LLM_OPENAI_GENERATED}/default_prompts.h.tmp "${_prompts_header}")
configure_file(${LLM_OPENAI_GENERATED}/default_prompts.h.tmp ${LLM_OPENAI_GENERATED}/default_prompts.h COPYONLY)
target_include_directories(llm_openai PRIVATE ${LLM_OPENAI_GENERATED} ${KAINJOW_MUSTACHE_INCLUDE_DIR})
