# stt_openai talks HTTP(S) to a Whisper-compatible server through libcurl (plugins/http).
mockroom_speech_plugin(stt_openai)
target_sources(stt_openai PRIVATE ${PLUGIN_HTTP_SOURCES})
target_include_directories(stt_openai PRIVATE ${CMAKE_SOURCE_DIR}/plugins/http)
target_link_libraries(stt_openai PRIVATE PkgConfig::CURL)
