from minutes_tui.cli import main

raise SystemExit(main())
