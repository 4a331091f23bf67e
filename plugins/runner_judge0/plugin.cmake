# runner_judge0 talks HTTP(S) to a Judge0 server through libcurl.
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
target_link_libraries(runner_judge0 PRIVATE PkgConfig::CURL)
