from .commands.cli import main
from .pelican_compat.process import exit_now

exit_now(main())
