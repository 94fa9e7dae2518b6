def load_initial_content():
    return 0
