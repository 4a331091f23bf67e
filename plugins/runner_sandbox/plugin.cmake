# runner_sandbox links libseccomp to build the syscall filter it hands to bubblewrap.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
target_link_libraries(runner_sandbox PRIVATE PkgConfig::SECCOMP Threads::Threads)

# mockroom_box_init: the driver that runs as PID 1 inside a reusable box. It is bound into
# every box read-only, so it is linked statically: it needs nothing from the box's /usr.
# The plugin finds it next to runner_sandbox.so.
file(GLOB MOCKROOM_BOX_INIT_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/box_init/*.cpp)
add_executable(mockroom_box_init ${MOCKROOM_BOX_INIT_SOURCES})
set_target_properties(mockroom_box_init PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${MOCKROOM_PLUGIN_OUT})
target_link_options(mockroom_box_init PRIVATE -static)
add_dependencies(runner_sandbox mockroom_box_init)
