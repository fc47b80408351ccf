"""Investment projects in Tajikistan and the roster of diaspora experts who offer to help."""
