# stt_pocketsphinx recognises speech with Debian's libpocketsphinx (pocketsphinx-en-us model).
# Debian's pocketsphinx.pc names /usr/include/sphinxbase, which the package does not ship,
# so only the include directories that exist are used (not the pkg-config imported target).
mockroom_speech_plugin(stt_pocketsphinx)
pkg_check_modules(POCKETSPHINX REQUIRED pocketsphinx)
set(_pocketsphinx_includes "")
foreach(dir ${POCKETSPHINX_INCLUDE_DIRS})
  if(EXISTS ${dir})
    list(APPEND _pocketsphinx_includes ${dir})
  endif()
endforeach()
target_include_directories(stt_pocketsphinx PRIVATE ${_pocketsphinx_includes})
target_link_libraries(stt_pocketsphinx PRIVATE ${POCKETSPHINX_LINK_LIBRARIES})
