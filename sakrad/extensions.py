"""Flask extensions, created here and bound to the app in ``create_app``."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from sakrad.db import Base

# Objects stay readable after commit (templates render after the view commits).
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})

# The base every model subclasses: Flask-SQLAlchemy's ``db.Model`` (table names, the app's
# metadata) at run time; for the type checker, the typed declarative base it is built on.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
# No default limits: only the routes that need a throttle (login) declare one.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
