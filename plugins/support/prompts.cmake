# Prompt templates (templates/prompts/*.mustache) compiled into a plugin as its defaults, so
# the files stay the one place a prompt is written; a plugin's "promptsDir" config may
# replace them at run time.
include_guard(GLOBAL)

# The folder the header of `target`'s prompts is generated into.
function(mockroom_prompt_dir target out_var)
  set(${out_var} ${CMAKE_BINARY_DIR}/generated/${target} PARENT_SCOPE)
endfunction()

# mockroom_prompt_header(<target> <header> <namespace> <prompt>...): writes <header> with
# `inline constexpr const char* k_<prompt>` for each template, in <namespace>, and puts its
# folder on <target>'s include path. Editing a template re-runs CMake.
function(mockroom_prompt_header target header namespace)
  mockroom_prompt_dir(${target} out_dir)
  set(text "// Generated from templates/prompts/*.mustache by plugins/support/prompts.cmake.\n#pragma once\n\nnamespace ${namespace} {\n")
  foreach(prompt ${ARGN})
    set(file ${CMAKE_SOURCE_DIR}/templates/prompts/${prompt}.mustache)
    set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    file(READ ${file} prompt_text)
    string(APPEND text "inline constexpr const char* k_${prompt} = R\"mrprompt(${prompt_text})mrprompt\";\n")
  endforeach()
  string(APPEND text "}  // namespace ${namespace}\n")
  file(WRITE ${out_dir}/${header}.tmp "${text}")
  configure_file(${out_dir}/${header}.tmp ${out_dir}/${header} COPYONLY)
  target_include_directories(${target} PRIVATE ${out_dir})
endfunction()
