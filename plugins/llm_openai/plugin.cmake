# llm_openai talks HTTP(S) to an OpenAI-compatible server through libcurl (plugins/http).
target_sources(llm_openai PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(llm_openai PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(llm_openai PRIVATE PkgConfig::CURL)
