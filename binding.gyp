{
  "targets": [
    {
      "target_name": "pfroute",
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NODE_ADDON_API_DISABLE_DEPRECATED"
      ],
      "variables": {
        "pfroute_unix_sources": [
          "native/addon.cc",
          "native/args.cc",
          "native/constants.cc",
          "native/errors.cc",
          "native/fd.cc",
          "native/ifname.cc",
          "native/netlink.cc",
          "native/socket.cc",
          "native/sysctl.cc"
        ]
      },
      "cflags": [
        "-Wall",
        "-Wextra",
        "-fstack-protector-strong"
      ],
      "cflags_cc": [
        "-std=c++17",
        "-Wall",
        "-Wextra",
        "-fstack-protector-strong"
      ],
      "conditions": [
        [
          "OS==\"linux\"",
          {
            "sources": [ "<@(pfroute_unix_sources)" ],
            "defines": [ "_GNU_SOURCE" ],
            "ldflags": [ "-Wl,-z,relro,-z,now" ]
          }
        ],
        [
          "OS==\"mac\"",
          {
            "sources": [ "<@(pfroute_unix_sources)", "native/layout_check.cc" ],
            "xcode_settings": {
              "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
              "MACOSX_DEPLOYMENT_TARGET": "10.15",
              "GCC_ENABLE_CPP_EXCEPTIONS": "NO",
              "OTHER_CFLAGS": [ "-fstack-protector-strong" ],
              "OTHER_CPLUSPLUSFLAGS": [
                "-std=c++17",
                "-Wall",
                "-Wextra",
                "-fstack-protector-strong"
              ]
            }
          }
        ],
        [
          "OS==\"freebsd\" or OS==\"openbsd\" or OS==\"netbsd\" or OS==\"dragonflybsd\"",
          {
            "sources": [ "<@(pfroute_unix_sources)", "native/layout_check.cc" ]
          }
        ],
        [
          "OS==\"win\"",
          {
            "sources": [ "native/win_stub.cc" ],
            "msvs_settings": {
              "VCCLCompilerTool": {
                "AdditionalOptions": [ "/std:c++17", "/guard:cf", "/sdl" ]
              },
              "VCLinkerTool": {
                "AdditionalOptions": [ "/guard:cf" ]
              }
            }
          }
        ]
      ]
    }
  ]
}
