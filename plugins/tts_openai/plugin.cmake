# tts_openai talks HTTP(S) to an OpenAI-compatible speech server through libcurl (plugins/http).
mockroom_speech_plugin(tts_openai)
target_sources(tts_openai PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(tts_openai PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(tts_openai PRIVATE PkgConfig::CURL)
