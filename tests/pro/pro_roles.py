"""The people of the test world, by role, as the `world` fixture names them."""

ROLES = ["admin", "coordinator", "coordinator_c", "manager", "pro", "volunteer", "pro_b", "pro_c"]
