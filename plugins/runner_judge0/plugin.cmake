# runner_judge0 talks HTTP(S) to a Judge0 server through libcurl (plugins/http).
target_sources(runner_judge0 PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(runner_judge0 PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(runner_judge0 PRIVATE PkgConfig::CURL)
