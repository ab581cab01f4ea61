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

# An identity pool that accepts the user pool's sign-ins, with the server-side token check on.
resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "terraform app"
  allow_unauthenticated_identities = false

  cognito_identity_providers {
    client_id               = aws_cognito_user_pool_client.web.id
    provider_name           = aws_cognito_user_pool.app.endpoint
    server_side_token_check = true
  }

  tags = {
    team = "identity"
  }
}

# A policy store whose principals come from the user pool's tokens.
resource "aws_verifiedpermissions_policy_store" "app" {
  validation_settings {
    mode = "OFF"
  }
}

resource "aws_verifiedpermissions_identity_source" "users" {
  policy_store_id       = aws_verifiedpermissions_policy_store.app.id
  principal_entity_type = "App::User"

  configuration {
    cognito_user_pool_configuration {
      user_pool_arn = aws_cognito_user_pool.app.arn
      client_ids    = [aws_cognito_user_pool_client.web.id]

      group_configuration {
        group_entity_type = "App::Group"
      }
    }
  }
}

output "identity_pool_id" {
  value = aws_cognito_identity_pool.app.id
}

output "policy_store_id" {
  value = aws_verifiedpermissions_policy_store.app.id
}

output "identity_source_id" {
  value = aws_verifiedpermissions_identity_source.users.id
}
