# `cpack -G DEB` in the build folder builds mindbridge_<version>_amd64.deb: both executables, the
# core library, the desktop entry, icons, AppStream metainfo, the .mbproj MIME type and the man page.
set(MB_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)

install(FILES ${MB_PACKAGING_DIR}/io.github.mindbridge.MindBridge.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${MB_PACKAGING_DIR}/io.github.mindbridge.MindBridge.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${MB_PACKAGING_DIR}/mindbridge-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME mindbridge.xml)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/mindbridge.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME io.github.mindbridge.MindBridge.svg)

# PNG icons and the man page are rendered at build time from the SVG and from the CLI's own help
# text, so they can never drift from what ships.
add_executable(mb_render_icon ${MB_PACKAGING_DIR}/render_icon.cpp)
target_link_libraries(mb_render_icon PRIVATE Qt6::Gui Qt6::Svg mb_warnings)
set(MB_ICON_SIZES 16 32 48 64 128 256)
set(MB_ICON_PNGS)
foreach(size ${MB_ICON_SIZES})
  set(png ${CMAKE_BINARY_DIR}/icons/${size}/io.github.mindbridge.MindBridge.png)
  add_custom_command(OUTPUT ${png}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:mb_render_icon>
            ${PROJECT_SOURCE_DIR}/resources/icons/mindbridge.svg ${size} ${png}
    DEPENDS mb_render_icon ${PROJECT_SOURCE_DIR}/resources/icons/mindbridge.svg VERBATIM)
  list(APPEND MB_ICON_PNGS ${png})
  install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
set(MB_MANPAGE ${CMAKE_BINARY_DIR}/man/mindbridge-cli.1)
add_custom_command(OUTPUT ${MB_MANPAGE}
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:mindbridge-cli> -DOUT=${MB_MANPAGE}
          -DVERSION=${PROJECT_VERSION} -P ${MB_PACKAGING_DIR}/make_manpage.cmake
  DEPENDS mindbridge-cli ${MB_PACKAGING_DIR}/make_manpage.cmake VERBATIM)
add_custom_target(mb_package_assets ALL DEPENDS ${MB_ICON_PNGS} ${MB_MANPAGE})
install(FILES ${MB_MANPAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_PACKAGE_NAME mindbridge)
set(CPACK_PACKAGE_VENDOR "MindBridge developers")
set(CPACK_PACKAGE_CONTACT "MindBridge developers <mindbridge@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Workbench that migrates ONNX and PyTorch models to MindSpore")
set(CPACK_PACKAGE_DESCRIPTION
    "MindBridge converts ONNX models and PyTorch weights to MindSpore (model.py, .ckpt, weight map,\n"
    "reports) and proves the conversion numerically, layer by layer.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6widgets6, libqt6svg6, libqt6printsupport6, qt6-qpa-plugins, libqcustomplot2.1-qt6, libprotobuf32, libonnx1, libopenblas0, libzip4, zlib1g")
# The Chinese interface needs a CJK font and Qt's own translations; English works without.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk | fonts-wqy-microhei, qt6-translations-l10n")
set(CPACK_GENERATOR DEB)
include(CPack)
