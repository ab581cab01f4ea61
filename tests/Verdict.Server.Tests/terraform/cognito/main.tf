# A Cognito user pool with an app client and a group, as an application would declare them.
resource "aws_cognito_user_pool" "app" {
  name = "terraform-app-users"

  password_policy {
    minimum_length    = 10
    require_lowercase = true
    require_numbers   = true
    require_symbols   = false
    require_uppercase = true
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                = "web"
  user_pool_id        = aws_cognito_user_pool.app.id
  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}

resource "aws_cognito_user_group" "editors" {
  name         = "editors"
  user_pool_id = aws_cognito_user_pool.app.id
  description  = "may edit"
  precedence   = 1
}

output "user_pool_id" {
  value = aws_cognito_user_pool.app.id
}

output "client_id" {
  value = aws_cognito_user_pool_client.web.id
}
