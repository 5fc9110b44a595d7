# `cmake --install` and CPack's .deb: the binary, the man page and the shell completions where
# Debian's bash-completion, zsh and fish look for them. The package's dependencies are read
# from the binary's shared libraries (dpkg-shlibdeps), plus the time zone database it reads and
# libcurl, which mgr loads only to send mail (so dpkg-shlibdeps cannot see it).
install(TARGETS mgr RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES contrib/mgr.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES contrib/completions/mgr.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME mgr)
install(FILES contrib/completions/_mgr DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES contrib/completions/mgr.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mgr)
set(CPACK_PACKAGE_VENDOR mgr)
set(CPACK_PACKAGE_CONTACT "mgr maintainers <mgr@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "habits of a first-time engineering manager, in one SQLite file")
set(CPACK_PACKAGE_DESCRIPTION
    "mgr keeps a private log of one-on-ones, feedback, hard conversations, delegations and\n"
    "where the time went, schedules the 1:1s, and flags the classic mistakes of a new manager\n"
    "in a weekly review (text, markdown, JSON or one HTML page).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, libcurl4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "msmtp | default-mta, bash-completion")
include(CPack)
