# scoring_llm is scoring_rubric's deterministic scorer with an LLM judge on top, talking to
# an OpenAI-compatible server through llm_openai's chat client. Both are compiled in from
# their own folders (not copied), so each piece keeps one home; only their entry points stay
# out.
file(GLOB SCORING_LLM_RUBRIC_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/plugins/scoring_rubric/*.cpp)
list(FILTER SCORING_LLM_RUBRIC_SOURCES EXCLUDE REGEX "(_test|/entry)\\.cpp$")
set(_llm_openai ${CMAKE_SOURCE_DIR}/plugins/llm_openai)
target_sources(scoring_llm PRIVATE ${SCORING_LLM_RUBRIC_SOURCES}
  ${_llm_openai}/config.cpp ${_llm_openai}/chat.cpp ${_llm_openai}/sse.cpp ${_llm_openai}/prompts.cpp
  ${_llm_openai}/structured.cpp ${PLUGIN_HTTP_SOURCES})
target_include_directories(scoring_llm PRIVATE ${CMAKE_SOURCE_DIR}/plugins/scoring_rubric ${_llm_openai}
  ${CMAKE_SOURCE_DIR}/plugins/http ${KAINJOW_MUSTACHE_INCLUDE_DIR})
target_link_libraries(scoring_llm PRIVATE PkgConfig::CURL)

# The judge's prompt (templates/prompts/judge.mustache) is compiled in as the default;
# llm_openai's prompts.cpp, compiled in for its template loading, needs its own header too.
include(${CMAKE_SOURCE_DIR}/plugins/support/prompts.cmake)
mockroom_prompt_header(scoring_llm default_judge_prompt.h mockroom::scoring_llm::defaults judge)
mockroom_prompt_dir(llm_openai _llm_openai_prompts)
target_include_directories(scoring_llm PRIVATE ${_llm_openai_prompts})
