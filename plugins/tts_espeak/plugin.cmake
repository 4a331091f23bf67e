# tts_espeak synthesises speech with Debian's libespeak-ng (espeak-ng-data).
mockroom_speech_plugin(tts_espeak)
pkg_check_modules(ESPEAK_NG REQUIRED IMPORTED_TARGET espeak-ng)
target_link_libraries(tts_espeak PRIVATE PkgConfig::ESPEAK_NG)
